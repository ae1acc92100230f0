package dev.pixelforge.standins.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A platform instance: one {@code java} process running a real deployable. It is started through a
 * small shell guard that holds a pipe from this JVM: when this JVM exits, however it exits (even
 * {@code kill -9}), the pipe closes, the guard's {@code cat} returns, and the guard stops the child.
 * So no instance outlives the stand-in that started it, without polling.
 */
public final class ChildJvm implements AutoCloseable {

    /** Runs "$@" with stdin from /dev/null, waits for EOF on its own stdin, then stops "$@". */
    private static final String GUARD = """
            "$@" </dev/null &
            child=$!
            cat >/dev/null
            kill -TERM "$child" 2>/dev/null
            wait "$child"
            """;

    private final Process guard;
    private final OutputStream lifeline;
    private final ProcessHandle jvm;
    private final long spawnNanos;
    private final Path log;

    private ChildJvm(Process guard, ProcessHandle jvm, long spawnNanos, Path log) {
        this.guard = guard;
        this.lifeline = guard.getOutputStream();
        this.jvm = jvm;
        this.spawnNanos = spawnNanos;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmArgs>} with {@code env} added and its output appended to {@code log}.
     */
    public static ChildJvm start(List<String> jvmArgs, Map<String, String> env, Path log) throws IOException {
        return start(jvmArgs, env, log, Path.of("").toAbsolutePath());
    }

    /** The same, in {@code workingDir}. */
    public static ChildJvm start(List<String> jvmArgs, Map<String, String> env, Path log, Path workingDir) throws IOException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", GUARD, "pixelforge-guard"));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        log = log.toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        long spawn = System.nanoTime();
        Process guard = builder.start();
        return new ChildJvm(guard, awaitChild(guard, log), spawn, log);
    }

    /** The guard forks the JVM at once; wait for that fork, not for a fixed time. */
    private static ProcessHandle awaitChild(Process guard, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = guard.toHandle().children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            if (!guard.isAlive()) {
                break;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        guard.destroyForcibly();
        throw new IOException("the JVM did not start; see " + log);
    }

    public long pid() {
        return jvm.pid();
    }

    public long spawnNanos() {
        return spawnNanos;
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** Completes when the JVM has exited, however it ended. */
    public java.util.concurrent.CompletableFuture<ProcessHandle> exited() {
        return jvm.onExit();
    }

    public Path log() {
        return log;
    }

    /** Peak resident memory and CPU time so far, read from /proc. */
    public ProcStats stats() {
        return ProcStats.of(jvm.pid());
    }

    /** Closing the lifeline is the one way the guard stops the JVM: the same path as when this process dies. */
    @Override
    public void close() {
        try {
            lifeline.close();
        } catch (IOException alreadyClosed) {
            // the guard has gone; its JVM went with it or is gone too
        }
        try {
            if (!guard.waitFor(10, TimeUnit.SECONDS)) {
                jvm.destroyForcibly();
                guard.destroyForcibly();
            }
        } catch (InterruptedException e) {
            jvm.destroyForcibly();
            guard.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
