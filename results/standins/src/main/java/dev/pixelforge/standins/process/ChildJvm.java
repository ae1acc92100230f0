package dev.pixelforge.standins.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A platform instance: one {@code java} process running a real deployable. It is started through a
 * small shell guard that holds a pipe from this JVM: when this JVM exits, however it exits (even
 * {@code kill -9}), the pipe closes, the guard's {@code cat} returns, and the guard stops the
 * child. So no instance outlives the stand-in that started it, without polling.
 */
public final class ChildJvm implements AutoCloseable {

    /**
     * Runs "$@" with stdin from /dev/null, waits for EOF on its own stdin, then stops "$@". With a
     * CPU group, "$@" runs in a shell that first writes its own pid into the group's files and then
     * execs the JVM in place: the JVM is in its quota before its first instruction. Before it stops
     * the JVM, the guard thaws it: a frozen process cannot act on a signal.
     */
    private static final String GUARD =
            """
            groups=$PIXELFORGE_CPU_GROUPS
            thaw_file=$PIXELFORGE_THAW_FILE
            thaw_value=$PIXELFORGE_THAW_VALUE
            unset PIXELFORGE_CPU_GROUPS PIXELFORGE_THAW_FILE PIXELFORGE_THAW_VALUE
            if [ -n "$groups" ]; then
              sh -c 'for g in $0; do echo $$ > "$g" || exit 1; done; exec "$@"' \
                "$groups" "$@" </dev/null &
            else
              "$@" </dev/null &
            fi
            child=$!
            cat >/dev/null
            if [ -n "$thaw_file" ]; then echo "$thaw_value" > "$thaw_file" 2>/dev/null; fi
            kill -TERM "$child" 2>/dev/null
            wait "$child"
            """;

    private final Process guard;
    private final OutputStream lifeline;
    private final ProcessHandle jvm;
    private final long spawnNanos;
    private final Path log;

    private final CpuGroup cpu;
    private final JavaRuntime jdk;

    private ChildJvm(
            Process guard,
            ProcessHandle jvm,
            long spawnNanos,
            Path log,
            CpuGroup cpu,
            JavaRuntime jdk) {
        this.cpu = cpu;
        this.jdk = jdk;
        this.guard = guard;
        this.lifeline = guard.getOutputStream();
        this.jvm = jvm;
        this.spawnNanos = spawnNanos;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmArgs>} with {@code env} added and its output appended to {@code log}.
     */
    public static ChildJvm start(
            List<String> jvmArgs, Map<String, String> env, Path log, CpuGroup cpu)
            throws IOException {
        return start(jvmArgs, env, log, Path.of("").toAbsolutePath(), cpu);
    }

    /**
     * The same, in {@code workingDir}; in {@code cpu}'s quota, which goes when the JVM is closed.
     */
    public static ChildJvm start(
            List<String> jvmArgs, Map<String, String> env, Path log, Path workingDir, CpuGroup cpu)
            throws IOException {
        return start(JavaRuntime.current(), jvmArgs, env, log, workingDir, cpu);
    }

    /** The same, on {@code jdk}'s {@code java}: the JDK (and JPEG codec) its platform runs. */
    public static ChildJvm start(
            JavaRuntime jdk,
            List<String> jvmArgs,
            Map<String, String> env,
            Path log,
            Path workingDir,
            CpuGroup cpu)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", GUARD, "pixelforge-guard"));
        command.add(jdk.java().toString());
        command.addAll(jvmArgs);
        log = log.toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workingDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        if (!cpu.joinFiles().isEmpty()) {
            // cgroup paths have no spaces: the inner shell splits the list on them
            builder.environment()
                    .put(
                            "PIXELFORGE_CPU_GROUPS",
                            String.join(
                                    " ", cpu.joinFiles().stream().map(Path::toString).toList()));
        }
        cpu.thaw()
                .ifPresent(
                        t -> {
                            builder.environment().put("PIXELFORGE_THAW_FILE", t.file().toString());
                            builder.environment().put("PIXELFORGE_THAW_VALUE", t.value());
                        });
        long spawn = System.nanoTime();
        Process guard = builder.start();
        return new ChildJvm(guard, awaitChild(guard, log), spawn, log, cpu, jdk);
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
            LockSupport.parkNanos(200_000);
        }
        guard.destroyForcibly();
        throw new IOException("the JVM did not start; see " + log);
    }

    public long pid() {
        return jvm.pid();
    }

    /** The JDK it runs on. */
    public JavaRuntime jdk() {
        return jdk;
    }

    public long spawnNanos() {
        return spawnNanos;
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** Completes when the JVM has exited, however it ended. */
    public CompletableFuture<ProcessHandle> exited() {
        return jvm.onExit();
    }

    public Path log() {
        return log;
    }

    /**
     * The instance's CPU group: its quota, and the freeze and starve of the platform's
     * between-requests rule.
     */
    public CpuGroup cpu() {
        return cpu;
    }

    /**
     * Peak resident memory and CPU time so far (from /proc), the CPU quota and the time throttled
     * by it.
     */
    public ProcStats stats() {
        return ProcStats.of(jvm.pid()).withCpu(cpu.quotaVcpus(), cpu.throttledMillis());
    }

    /**
     * Closing the lifeline is the one way the guard stops the JVM: the same path as when this
     * process dies.
     */
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
            jvm.onExit().get(10, TimeUnit.SECONDS); // the group can go only once it is empty
        } catch (InterruptedException e) {
            jvm.destroyForcibly();
            guard.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            jvm.destroyForcibly();
        }
        cpu.remove();
    }
}
