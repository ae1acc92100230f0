package dev.pixelforge.cli.engines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ./pixelforge engine} as a process of its own, started the way the script starts it (the
 * CLI's main class on the test's class path); ready once it prints the line to give compare.
 */
public final class EngineProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final CompletableFuture<String> testStarted = new CompletableFuture<>();
    public final int port;

    private EngineProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(this::read, "engine-" + port + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts an engine on two free loopback ports; {@code extra}: more engine options. */
    public static EngineProcess start(Path root, String... extra) throws IOException {
        int port = freePort();
        int enginePort = freePort();
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx256m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                "dev.pixelforge.cli.PixelForgeCli",
                                "engine",
                                "--port",
                                Integer.toString(port),
                                "--engine-port",
                                Integer.toString(enginePort),
                                "--root",
                                root.toString()));
        command.addAll(List.of(extra));
        return new EngineProcess(
                new ProcessBuilder(command).redirectErrorStream(true).start(), port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.startsWith("give compare: --engines ")) {
                    ready.complete(line);
                }
                if (line.startsWith(
                        "Starting the test on host ")) { // JMeter's own line, once a controller's
                    // test runs here
                    testStarted.complete(line);
                }
            }
            ready.completeExceptionally(
                    new IllegalStateException("the engine ended before it was ready:\n" + output));
            testStarted.completeExceptionally(
                    new IllegalStateException(
                            "the engine ended before a test started:\n" + output));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** Waits for the engine's ready line and returns it. */
    public String awaitReady() throws Exception {
        try {
            return ready.get(90, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the engine on " + port + " was not ready within 90 s:\n" + output, e);
        }
    }

    /** Waits until a controller's test runs on this engine. */
    public void awaitTestStarted() throws Exception {
        try {
            testStarted.get(90, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "no test started on the engine on " + port + " within 90 s:\n" + output, e);
        }
    }

    /** The engine's JVM. */
    public long pid() {
        return process.pid();
    }

    public String output() {
        return output.toString();
    }

    public String id() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
