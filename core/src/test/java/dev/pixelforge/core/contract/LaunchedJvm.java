package dev.pixelforge.core.contract;

import dev.pixelforge.core.probe.LoopbackPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A deployable started as its platform starts it: a separate {@code java} process on a loopback
 * port, ready when the port accepts a TCP connection (Cloud Run's startup probe), so that no
 * readiness check consumes the process's first, cold, request.
 */
public final class LaunchedJvm implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private LaunchedJvm(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code java <args>} with {@code env} added, and waits until {@code port} accepts.
     *
     * @param log where the process's output goes, for the failure message
     */
    public static LaunchedJvm start(
            List<String> javaArgs,
            Map<String, String> env,
            int port,
            Path log,
            Duration readyWithin)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        LaunchedJvm jvm = new LaunchedJvm(builder.start(), port, log);
        jvm.awaitPort(readyWithin);
        return jvm;
    }

    /** A port that was free a moment ago. */
    public static int freePort() throws IOException {
        return LoopbackPort.free();
    }

    public int port() {
        return port;
    }

    private void awaitPort(Duration within) throws IOException, InterruptedException {
        try {
            LoopbackPort.await(port, within, process::isAlive, "the process");
        } catch (IOException e) {
            close();
            throw new IllegalStateException(
                    e.getMessage() + "; its output:\n" + Files.readString(log), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
