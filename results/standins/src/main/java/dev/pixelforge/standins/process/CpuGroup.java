package dev.pixelforge.standins.process;

import java.util.Optional;

/** One instance's CPU group: the file its process joins through, its quota, and how long the kernel held it back. */
public interface CpuGroup {

    /** Writing a process id here moves that process into the group; empty when nothing is isolated. */
    Optional<java.nio.file.Path> joinFile();

    /** The enforced share in vCPUs, or NaN when nothing is enforced. */
    double quotaVcpus();

    /** Time the kernel throttled the group's processes, for having used their quota (cpu.stat). */
    long throttledMillis();

    /** Removes the group once its processes have gone. */
    void remove();

    CpuGroup NONE = new CpuGroup() {
        @Override
        public Optional<java.nio.file.Path> joinFile() {
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
        public void remove() {
        }
    };
}
