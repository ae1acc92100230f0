package dev.pixelforge.standins.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CPU quotas in the kernel's cgroups: under {@code <root>/pixelforge/run-<pid>-<n>/} one group per
 * instance, its quota {@code vcpus x period}. v1 writes {@code cpu.cfs_period_us} and {@code
 * cpu.cfs_quota_us}; v2 writes {@code cpu.max}. A run's groups go when it ends; the groups of a run
 * that crashed (its pid gone) are swept when the next one starts.
 */
final class CgroupCpu implements CpuIsolation {

    /** v1's freezer hierarchy, beside the cpu one; v2 freezes in the same group (cgroup.freeze). */
    private static final Path V1_FREEZER = Path.of("/sys/fs/cgroup/freezer");

    /** Request-based billing's idle CPU: 1 ms (the kernel's least quota) per second. */
    private static final long STARVED_PERIOD_MICROS = 1_000_000;

    /** Local clouds started by this process so far: each has a run group of its own. */
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final boolean v2;
    private final Path root;
    private final Path base;
    private final Path run;
    private final Path freezerRun; // null when v1 has no writable freezer

    private CgroupCpu(boolean v2, Path root, String baseName) throws IOException {
        String runName = "run-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        this.v2 = v2;
        this.root = root;
        this.base = root.resolve(baseName);
        Files.createDirectories(base);
        if (!v2 && Files.isWritable(V1_FREEZER.resolve("cgroup.procs"))) {
            Path freezerBase = Files.createDirectories(V1_FREEZER.resolve(baseName));
            sweep(freezerBase, V1_FREEZER);
            this.freezerRun = Files.createDirectories(freezerBase.resolve(runName));
        } else {
            this.freezerRun = null;
        }
        if (v2) {
            enableCpu(root);
            enableCpu(base);
        }
        sweep(base, root);
        this.run = Files.createDirectories(base.resolve(runName));
        if (v2) {
            enableCpu(run);
        }
    }

    /** Groups under {@code root/baseName/run-<pid>-<n>/}. */
    static CgroupCpu v1(Path root, String baseName) throws IOException {
        return new CgroupCpu(false, root, baseName);
    }

    static CgroupCpu v2(Path root, String baseName) throws IOException {
        return new CgroupCpu(true, root, baseName);
    }

    @Override
    public CpuGroup group(String name, double vcpus) throws IOException {
        Path dir = fresh(run.resolve(name), root);
        Path frozenDir = freezerRun == null ? null : fresh(freezerRun.resolve(name), V1_FREEZER);
        // The kernel takes at least 1 ms of quota per period.
        long quota = Math.max(1000, Math.round(vcpus * PERIOD_MICROS));
        setQuota(dir, quota, PERIOD_MICROS);
        double enforced = (double) quota / PERIOD_MICROS;
        return new CpuGroup() {
            @Override
            public List<Path> joinFiles() {
                return frozenDir == null
                        ? List.of(dir.resolve("cgroup.procs"))
                        : List.of(dir.resolve("cgroup.procs"), frozenDir.resolve("cgroup.procs"));
            }

            @Override
            public Optional<Thaw> thaw() {
                return v2
                        ? Optional.of(new Thaw(dir.resolve("cgroup.freeze"), "0"))
                        : frozenDir == null
                                ? Optional.empty()
                                : Optional.of(
                                        new Thaw(frozenDir.resolve("freezer.state"), "THAWED"));
            }

            @Override
            public double quotaVcpus() {
                return enforced;
            }

            @Override
            public long throttledMillis() {
                return throttledMillisOf(dir);
            }

            // What this group is now, so that a request's busy/idle transitions write only what
            // changes (the registry calls them in order, under its lock): usually one freezer write
            // each way. fullQuota is what resume gives: the start-up CPU until endStartup, then
            // the share.
            private boolean frozen;
            private boolean quotaAltered;
            private long fullQuota = quota;

            @Override
            public synchronized void freeze() {
                if (!frozen && thaw().isPresent()) {
                    write(thaw().get().file(), v2 ? "1" : "FROZEN");
                    frozen = true;
                }
            }

            @Override
            public synchronized void resume() {
                if (quotaAltered) {
                    setQuota(dir, fullQuota, PERIOD_MICROS);
                    quotaAltered = false;
                }
                if (frozen) {
                    thaw().ifPresent(t -> write(t.file(), t.value()));
                    frozen = false;
                }
            }

            @Override
            public void guarantee() {
                // The largest weight at every level from the top: whenever the group can run it
                // runs, up to its quota, however busy the machine (v1 cpu.shares, v2 cpu.weight
                // maxima).
                for (Path level : List.of(base, run, dir)) {
                    write(level.resolve(v2 ? "cpu.weight" : "cpu.shares"), v2 ? "10000" : "262144");
                }
            }

            @Override
            public synchronized void startup(double vcpus) {
                fullQuota = Math.max(1000, Math.round(vcpus * PERIOD_MICROS));
                if (!quotaAltered) { // not starved by quota now: the start-up CPU applies at once
                    setQuota(dir, fullQuota, PERIOD_MICROS);
                }
            }

            @Override
            public synchronized void endStartup() {
                if (fullQuota == quota) {
                    return;
                }
                fullQuota = quota;
                if (!quotaAltered) { // frozen or running: the share now; starved: at resume
                    setQuota(dir, quota, PERIOD_MICROS);
                }
            }

            @Override
            public double quotaVcpusNow() {
                return quotaVcpusIn(dir);
            }

            @Override
            public synchronized void starve() {
                // Near zero: frozen where a freezer exists, since thawing is immediate, while a
                // quota
                // raised again waits for its period to refill (measured: p99 near 1 s at one
                // request
                // at a time); else the least quota the kernel takes, 1 ms per second.
                if (thaw().isPresent()) {
                    freeze();
                } else {
                    setQuota(dir, 1000, STARVED_PERIOD_MICROS);
                    quotaAltered = true;
                }
            }

            @Override
            public void remove() {
                resume(); // a frozen group's processes could not have exited; a thawed empty one
                // can go
                CgroupCpu.this.remove(dir, root);
                if (frozenDir != null) {
                    CgroupCpu.this.remove(frozenDir, V1_FREEZER);
                }
            }
        };
    }

    /**
     * A new empty group at {@code dir}, after removing one an earlier instance of that name could
     * not.
     */
    private Path fresh(Path dir, Path hierarchy) throws IOException {
        if (Files.isDirectory(dir)) {
            remove(dir, hierarchy);
        }
        return Files.createDirectory(dir);
    }

    // v1 takes the period first when it grows and the quota first when it shrinks; writing both
    // twice avoids the order.
    private void setQuota(Path dir, long quota, long period) {
        if (v2) {
            write(dir.resolve("cpu.max"), quota + " " + period);
        } else {
            write(dir.resolve("cpu.cfs_quota_us"), "-1");
            write(dir.resolve("cpu.cfs_period_us"), Long.toString(period));
            write(dir.resolve("cpu.cfs_quota_us"), Long.toString(quota));
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + value + " to " + file, e);
        }
    }

    /** cpu.max (v2: "max 10000" or "5000 10000") or cfs_quota_us / cfs_period_us (v1: -1). */
    private double quotaVcpusIn(Path dir) {
        try {
            String[] q;
            if (v2) {
                q = Files.readString(dir.resolve("cpu.max")).trim().split("\\s+");
            } else {
                q =
                        new String[] {
                            Files.readString(dir.resolve("cpu.cfs_quota_us")).trim(),
                            Files.readString(dir.resolve("cpu.cfs_period_us")).trim()
                        };
            }
            return q[0].equals("max") || q[0].equals("-1")
                    ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(q[0]) / Double.parseDouble(q[1]);
        } catch (IOException | RuntimeException gone) {
            return Double.NaN;
        }
    }

    private long throttledMillisOf(Path dir) {
        return CpuGroup.throttledMillisIn(dir);
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public String describe() {
        return String.format(
                Locale.ROOT,
                "CPU isolated: a cgroup %s CPU quota per instance (%s), period %d ms; %s",
                v2 ? "v2" : "v1",
                root,
                PERIOD_MICROS / 1000,
                v2 || freezerRun != null
                        ? "Lambda environments frozen between invocations"
                        : "no freezer: Lambda environments are not frozen between invocations");
    }

    @Override
    public void close() {
        try (DirectoryStream<Path> groups = Files.newDirectoryStream(run, Files::isDirectory)) {
            for (Path g : groups) {
                remove(g, root);
            }
        } catch (IOException e) {
            System.err.println("could not list " + run + ": " + e.getMessage());
        }
        remove(run, root);
        if (freezerRun != null) {
            try (DirectoryStream<Path> groups =
                    Files.newDirectoryStream(freezerRun, Files::isDirectory)) {
                for (Path g : groups) {
                    remove(g, V1_FREEZER);
                }
            } catch (IOException e) {
                System.err.println("could not list " + freezerRun + ": " + e.getMessage());
            }
            remove(freezerRun, V1_FREEZER);
        }
    }

    /**
     * Removes the groups of runs whose process has gone (a crash, a kill -9): their instances went
     * with them.
     */
    private void sweep(Path base, Path hierarchy) throws IOException {
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(base, "run-*")) {
            for (Path r : runs) {
                String name = r.getFileName().toString(); // run-<pid>-<n>, or run-<pid> from before
                String digits = name.substring(4).split("-")[0];
                if (!digits.matches("\\d+")) {
                    continue;
                }
                long pid = Long.parseLong(digits);
                if (ProcessHandle.of(pid).isEmpty()) {
                    try (DirectoryStream<Path> groups =
                            Files.newDirectoryStream(r, Files::isDirectory)) {
                        for (Path g : groups) {
                            remove(g, hierarchy);
                        }
                    }
                    remove(r, hierarchy);
                }
            }
        }
    }

    /**
     * rmdir, after moving out any process still in it (an orphan of a crash), which rmdir would
     * refuse.
     */
    private void remove(Path group, Path hierarchy) {
        try {
            Path state = group.resolve("freezer.state");
            if (Files.exists(state)) {
                Files.writeString(state, "THAWED");
            }
            for (String pid : Files.readAllLines(group.resolve("cgroup.procs"))) {
                if (!pid.isBlank()) {
                    Files.writeString(hierarchy.resolve("cgroup.procs"), pid.trim());
                }
            }
            Files.deleteIfExists(group);
        } catch (IOException e) {
            System.err.println("could not remove the CPU group " + group + ": " + e.getMessage());
        }
    }

    private static void enableCpu(Path dir) throws IOException {
        Files.writeString(dir.resolve("cgroup.subtree_control"), "+cpu");
    }
}
