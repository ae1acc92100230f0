package dev.pixelforge.standins.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One instance's CPU group: the files its process joins through, its quota, how long the kernel
 * held it back, and what a platform does to an instance between requests (Lambda freezes it; Cloud
 * Run with request-based billing gives it almost no CPU).
 */
public interface CpuGroup {

    /**
     * Writing a process id into each of these moves that process into the group; empty when nothing
     * is isolated.
     */
    List<Path> joinFiles();

    /**
     * What the guard writes, and where, to thaw the instance before it stops it (a frozen process
     * cannot exit).
     */
    Optional<Thaw> thaw();

    /** The enforced share in vCPUs, or NaN when nothing is enforced. */
    double quotaVcpus();

    /** Time the kernel throttled the group's processes, for having used their quota (cpu.stat). */
    long throttledMillis();

    /**
     * The throttled time in a group folder's {@code cpu.stat}, v1 ({@code throttled_time}, ns) or
     * v2 ({@code throttled_usec}), in ms; 0 when the folder has none, or has gone with its
     * processes (what it held was read before).
     */
    static long throttledMillisIn(Path dir) {
        return statIn(dir)[2];
    }

    /**
     * {@code nr_periods}, {@code nr_throttled} and the throttled time in ms of a group folder's
     * {@code cpu.stat} (the same keys in v1 and v2, the time in ns or us); zeros when it has none
     * or has gone.
     */
    static long[] statIn(Path dir) {
        long[] stat = new long[3];
        try {
            for (String line : Files.readAllLines(dir.resolve("cpu.stat"))) {
                String[] kv = line.trim().split("\\s+");
                switch (kv[0]) {
                    case "nr_periods" -> stat[0] = Long.parseLong(kv[1]);
                    case "nr_throttled" -> stat[1] = Long.parseLong(kv[1]);
                    case "throttled_time" -> stat[2] = Long.parseLong(kv[1]) / 1_000_000;
                    case "throttled_usec" -> stat[2] = Long.parseLong(kv[1]) / 1_000;
                    default -> {}
                }
            }
            return stat;
        } catch (IOException | RuntimeException gone) {
            return new long[3];
        }
    }

    /** Lambda between invocations: no CPU at all (the cgroup freezer), until {@link #resume}. */
    void freeze();

    /** Serving requests again: the whole quota, unfrozen. */
    void resume();

    /**
     * Nothing in flight on request-based billing: the least CPU the kernel allows (0.001 vCPU),
     * until {@link #resume}.
     */
    void starve();

    /**
     * Its quota whenever it asks, however busy the machine: the CPU of a machine of its own, as the
     * load client's model has, rather than a share of a contended one. Nothing where nothing is
     * isolated.
     */
    default void guarantee() {}

    /**
     * The CPU an instance gets while it starts, instead of its share, until {@link #endStartup}:
     * Lambda's INIT (the processors it shows, not held to the memory share) and Cloud Run's startup
     * CPU boost. Freezing and starving still apply; {@link #resume} gives this back, not the share.
     */
    void startup(double vcpus);

    /** The share from now on: the first invocation (Lambda), or the boost's end (Cloud Run). */
    void endStartup();

    /**
     * The quota the kernel holds the group to now, in vCPUs, read from its cgroup files: infinite
     * where the group has no limit; NaN where nothing is isolated or the group has gone.
     */
    default double quotaVcpusNow() {
        return Double.NaN;
    }

    /** Removes the group once its processes have gone. */
    void remove();

    /** A file and the text that thaws a frozen group. */
    record Thaw(Path file, String value) {}

    CpuGroup NONE =
            new CpuGroup() {
                @Override
                public List<Path> joinFiles() {
                    return List.of();
                }

                @Override
                public Optional<Thaw> thaw() {
                    return Optional.empty();
                }

                @Override
                public double quotaVcpus() {
                    return Double.NaN;
                }

                @Override
                public long throttledMillis() {
                    return 0;
                }

                @Override
                public void freeze() {}

                @Override
                public void resume() {}

                @Override
                public void starve() {}

                @Override
                public void startup(double vcpus) {}

                @Override
                public void endStartup() {}

                @Override
                public void remove() {}
            };
}
