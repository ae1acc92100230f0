package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.testing.ListeningSockets;
import dev.pixelforge.core.testing.RepositoryRoot;
import dev.pixelforge.standins.StandIns;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code local} command as a user runs it, in its own process: once every platform has an
 * instance, the command is killed (SIGKILL: no shutdown hook runs) or stopped (SIGTERM), and no
 * instance JVM may survive it. Before that, every socket they listen on is on loopback.
 */
class NoOrphanInstancesIT {

    private static final Pattern URL =
            Pattern.compile("^\\s+(aws-lambda|gcp-function|container)\\s+(http://\\S+)");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SIGKILL", "SIGTERM"})
    void stoppingTheCommand_leavesNoInstanceJvmBehind(String signal) throws Exception {
        Path root = RepositoryRoot.path();
        String classpath =
                root.resolve("results/cli/target/classes")
                        + File.pathSeparator
                        + Files.readString(root.resolve("results/cli/target/classpath.txt")).trim();
        Path work = Files.createTempDirectory(root.resolve("results/cli/target"), "orphans-");
        Process cli =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                classpath,
                                "dev.pixelforge.cli.PixelForgeCli",
                                "local",
                                "--root",
                                root.toString(),
                                "--ports",
                                "0,0,0",
                                "--page-port",
                                "0",
                                "--work",
                                work.toString(),
                                "--dilation",
                                "1",
                                // One instance each at most: Cloud Run's autoscaler may otherwise
                                // add one during a JVM's busy start-up
                                // (4 instead of 3 in one CI run), and the count below is exact.
                                "--set",
                                "container.max-instances=1",
                                "--set",
                                "gcp-function.max-instances=1",
                                "--set",
                                "aws-lambda.reserved-concurrency=1")
                        .redirectErrorStream(true)
                        .start();
        List<ProcessHandle> instances;
        try {
            Map<String, URI> urls = new HashMap<>();
            BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine();
                    line != null && urls.size() < 3;
                    line = out.readLine()) {
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    urls.put(m.group(1), URI.create(m.group(2)));
                }
            }
            assertEquals(3, urls.size(), "the command did not print its three URLs");
            for (URI url : urls.values()) {
                assertEquals(200, StandIns.get(url, "/health").statusCode());
            }
            instances =
                    cli.toHandle()
                            .descendants()
                            .filter(p -> p.info().command().orElse("").endsWith("java"))
                            .toList();
            assertEquals(3, instances.size(), "one instance JVM per platform: " + instances);
            listensOnLoopbackOnly(cli.toHandle());

            if (signal.equals("SIGKILL")) {
                cli.destroyForcibly();
            } else {
                cli.destroy();
            }
            assertTrue(cli.waitFor(30, TimeUnit.SECONDS));
        } finally {
            // A failed assertion above must not leave the command and its instances running after
            // the test.
            if (cli.isAlive()) {
                cli.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                cli.destroyForcibly();
            }
        }

        StandIns.await(
                "every instance JVM has exited",
                Duration.ofSeconds(30),
                () -> instances.stream().noneMatch(ProcessHandle::isAlive));
        List<Long> alive = new ArrayList<>();
        instances.stream().filter(ProcessHandle::isAlive).forEach(p -> alive.add(p.pid()));
        assertEquals(List.of(), alive);
    }

    /**
     * Listeners bind where they say: every socket the command (fronts, Lambda's runtime APIs, the
     * comparison page) and its instances (the container's Netty, Google's invoker) listen on is on
     * loopback, as the kernel lists them ({@code ss -ltn} without {@code ss}).
     */
    private static void listensOnLoopbackOnly(ProcessHandle cli) throws Exception {
        if (!ListeningSockets.available()) {
            return; // not Linux: nothing to read the sockets from
        }
        List<Long> pids = new ArrayList<>(List.of(cli.pid()));
        cli.descendants().forEach(p -> pids.add(p.pid()));
        List<ListeningSockets.Listener> listening = ListeningSockets.of(pids);
        // three fronts, the page, each instance's port and Lambda's runtime API at least
        assertTrue(listening.size() >= 7, "listening: " + listening);
        assertEquals(
                List.of(),
                listening.stream().filter(l -> !l.loopback()).toList(),
                "listening off loopback, of: " + listening);
    }
}
