package dev.pixelforge.standins.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * CPU quotas in the kernel's cgroups: under {@code <root>/pixelforge/run-<pid>/} one group per
 * instance, its quota {@code vcpus x period}. v1 writes {@code cpu.cfs_period_us} and
 * {@code cpu.cfs_quota_us}; v2 writes {@code cpu.max}. A run's groups go when it ends; the groups of
 * a run that crashed (its pid gone) are swept when the next one starts.
 */
final class CgroupCpu implements CpuIsolation {

    private final boolean v2;
    private final Path root;
    private final Path run;

    private CgroupCpu(boolean v2, Path root) throws IOException {
        this.v2 = v2;
        this.root = root;
        Path base = root.resolve("pixelforge");
        Files.createDirectories(base);
        if (v2) {
            enableCpu(root);
            enableCpu(base);
        }
        sweep(base);
        this.run = Files.createDirectories(base.resolve("run-" + ProcessHandle.current().pid()));
        if (v2) {
            enableCpu(run);
        }
    }

    static CgroupCpu v1(Path root) throws IOException {
        return new CgroupCpu(false, root);
    }

    static CgroupCpu v2(Path root) throws IOException {
        return new CgroupCpu(true, root);
    }

    @Override
    public CpuGroup group(String name, double vcpus) throws IOException {
        Path dir = run.resolve(name);
        if (Files.isDirectory(dir)) {
            remove(dir); // left by an instance of the same name in this run that could not be cleaned
        }
        Files.createDirectory(dir);
        // The kernel takes at least 1 ms of quota per period.
        long quota = Math.max(1000, Math.round(vcpus * PERIOD_MICROS));
        if (v2) {
            Files.writeString(dir.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
        } else {
            Files.writeString(dir.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
            Files.writeString(dir.resolve("cpu.cfs_quota_us"), Long.toString(quota));
        }
        double enforced = (double) quota / PERIOD_MICROS;
        return new CpuGroup() {
            @Override
            public Optional<Path> joinFile() {
                return Optional.of(dir.resolve("cgroup.procs"));
            }

            @Override
            public double quotaVcpus() {
                return enforced;
            }

            @Override
            public long throttledMillis() {
                return throttledMillisOf(dir);
            }

            @Override
            public void remove() {
                CgroupCpu.this.remove(dir);
            }
        };
    }

    private long throttledMillisOf(Path dir) {
        try {
            for (String line : Files.readAllLines(dir.resolve("cpu.stat"))) {
                String[] kv = line.trim().split("\\s+");
                if (!v2 && kv[0].equals("throttled_time")) {
                    return Long.parseLong(kv[1]) / 1_000_000; // nanoseconds
                }
                if (v2 && kv[0].equals("throttled_usec")) {
                    return Long.parseLong(kv[1]) / 1_000;
                }
            }
            return 0;
        } catch (IOException | RuntimeException gone) {
            return 0; // the group has gone with its instance: what it held was read before
        }
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "CPU isolated: a cgroup %s CPU quota per instance (%s), period %d ms",
                v2 ? "v2" : "v1", root, PERIOD_MICROS / 1000);
    }

    @Override
    public void close() {
        try (DirectoryStream<Path> groups = Files.newDirectoryStream(run, Files::isDirectory)) {
            for (Path g : groups) {
                remove(g);
            }
        } catch (IOException e) {
            System.err.println("could not list " + run + ": " + e.getMessage());
        }
        remove(run);
    }

    /** Removes the groups of runs whose process has gone (a crash, a kill -9): their instances went with them. */
    private void sweep(Path base) throws IOException {
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(base, "run-*")) {
            for (Path r : runs) {
                long pid = Long.parseLong(r.getFileName().toString().substring(4));
                if (ProcessHandle.of(pid).isEmpty()) {
                    try (DirectoryStream<Path> groups = Files.newDirectoryStream(r, Files::isDirectory)) {
                        for (Path g : groups) {
                            remove(g);
                        }
                    }
                    remove(r);
                }
            }
        }
    }

    /** rmdir, after moving out any process still in it (an orphan of a crash), which rmdir would refuse. */
    private void remove(Path group) {
        try {
            for (String pid : Files.readAllLines(group.resolve("cgroup.procs"))) {
                if (!pid.isBlank()) {
                    Files.writeString(root.resolve("cgroup.procs"), pid.trim());
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
