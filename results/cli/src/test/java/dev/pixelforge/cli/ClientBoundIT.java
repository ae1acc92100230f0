package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.testing.RepositoryRoot;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.client.ClientLoad;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The load client watching itself, for real: on this machine the default client keeps up with a
 * short container run, and the same run from a client JVM in a 0.1-CPU quota is client-bound. Each
 * prints the figures it measured. 16 threads keep the client in 0.1 CPU busy even while some of
 * them wait for answers: with 4 it measured 84% and 90% of its quota on two runs, too close to the
 * threshold.
 */
class ClientBoundIT {

    static final Path ROOT = RepositoryRoot.path();

    @Test
    void defaultClient_isNotClientBound() throws Exception {
        Path run = compare("default");
        assertEquals("false", clientBound(run));
        ClientLoad c = ReportWriter.write(run).client().get("container");
        System.out.printf(
                "default client: CPU %.1f%% of %s cores, GC %.2f%%, %d client failures%n",
                100 * c.cpuShare(), c.coresText(), 100 * c.gcShare(), c.clientFailures());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.cores());
    }

    @Test
    void clientInATenthOfACpu_isClientBound_onItsCpu() throws Exception {
        Path run = compare("tenth", "--client-cpus", "0.1", "--client-memory", "512m");
        assertEquals("true", clientBound(run));
        ClientLoad c = ReportWriter.write(run).client().get("container");
        System.out.printf(
                "client in 0.1 CPU: CPU %.1f%% of %s cores, GC %.2f%%, %d client failures%n",
                100 * c.cpuShare(), c.coresText(), 100 * c.gcShare(), c.clientFailures());
        assertEquals(0.1, c.cores());
        assertTrue(c.reasons().get(0).startsWith("its CPU was"), c.reasons().toString());
        String console = Files.readString(run.resolve("summary.md"));
        assertTrue(console.contains("container is client-bound: its CPU was"), console);
    }

    private static Path compare(String name, String... extra) throws IOException {
        Path runs = ItRuns.dir("it-runs-client-" + name);
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "compare",
                                "--root",
                                ROOT.toString(),
                                "--runs",
                                runs.toString(),
                                "--duration",
                                "8",
                                "--ramp",
                                "1",
                                "--threads",
                                "16",
                                "--max-image",
                                "640x480",
                                "--targets",
                                "container",
                                "--dilation",
                                "1")); // undilated, the container answers in milliseconds and the
        // client works hardest
        args.addAll(Arrays.asList(extra));
        assertEquals(0, new CommandLine(new PixelForgeCli()).execute(args.toArray(new String[0])));
        try (Stream<Path> all = Files.list(runs)) {
            return all.filter(p -> p.getFileName().toString().endsWith("-quick"))
                    .max(Path::compareTo)
                    .orElseThrow();
        }
    }

    private static String clientBound(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("summary.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        return lines.get(1).split(",", -1)[header.indexOf("client_bound")];
    }
}
