package dev.pixelforge.standins.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where each instance's CPU share is enforced: a Linux cgroup CPU quota per instance, in a group
 * per run, or nowhere, said plainly. The quota is what makes a 1,024 MB Lambda get 0.58 of a CPU
 * here, as it does on AWS, instead of the whole machine.
 */
public interface CpuIsolation extends AutoCloseable {

    /**
     * The CFS period: each instance may run {@code vcpus x 10 ms} per 10 ms. The kernel's default
     * of 100 ms lets a 0.5-vCPU instance run 50 ms and then stall 50 ms, so a short request can
     * lose half its quota's worth of time in one lump; 10 ms bounds such a stall to 5 ms (measured
     * in results/README.md). {@code PIXELFORGE_CPU_PERIOD_US} overrides it, to repeat that
     * measurement.
     */
    long PERIOD_MICROS =
            Long.parseLong(System.getenv().getOrDefault("PIXELFORGE_CPU_PERIOD_US", "10000"));

    /** A group for one instance, with {@code vcpus} of CPU time per second. */
    CpuGroup group(String name, double vcpus) throws IOException;

    boolean isolated();

    /** A sentence for the banner, the run manifest and the report: how, or why not. */
    String describe();

    /** Removes the run's group (instances' groups are removed as they stop). */
    @Override
    void close();

    /**
     * The kernel's cgroups when they can be written: v1's cpu controller where it is mounted (as on
     * most hosts with a v1 or hybrid layout), else v2 with the cpu controller; else nothing.
     */
    static CpuIsolation detect() {
        return detect("pixelforge");
    }

    /**
     * The same, with the run's groups under {@code baseName} (the load client's own machine has a
     * top-level group of its own).
     */
    static CpuIsolation detect(String baseName) {
        Path v1 = Path.of("/sys/fs/cgroup/cpu");
        List<Path> v2 = List.of(Path.of("/sys/fs/cgroup"), Path.of("/sys/fs/cgroup/unified"));
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            return new NoCpuIsolation(
                    "CPU not isolated: not Linux, so every instance shares all of this machine's"
                            + " cores");
        }
        String why = "no writable cgroup CPU controller";
        try {
            if (Files.isWritable(v1.resolve("cpu.cfs_quota_us"))) {
                return CgroupCpu.v1(v1, baseName);
            }
            for (Path root : v2) {
                Path controllers = root.resolve("cgroup.controllers");
                if (Files.isReadable(controllers)
                        && List.of(Files.readString(controllers).trim().split("\\s+"))
                                .contains("cpu")
                        && Files.isWritable(root.resolve("cgroup.subtree_control"))) {
                    return CgroupCpu.v2(root, baseName);
                }
            }
        } catch (IOException e) {
            why = "cgroups could not be written (" + e.getMessage() + ")";
        }
        return new NoCpuIsolation(
                "CPU not isolated: "
                        + why
                        + " (run as root on Linux for per-instance CPU quotas),"
                        + " so every instance shares all of this machine's cores");
    }
}
