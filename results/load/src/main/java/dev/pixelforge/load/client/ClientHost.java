package dev.pixelforge.load.client;

import java.util.function.LongSupplier;

/**
 * What the load client ran on: how many cores it had and why that many, and what else shared its
 * JVM (the watch measures the whole process, so a gateway in the same JVM counts as client CPU).
 *
 * @param cores     the CPU the client could use, in cores: its quota when it ran in one
 * @param coresFrom where {@code cores} came from, for the report
 * @param process   what the measured process held besides the load client, or that it held only the client
 * @param quotaThrottledMillis the time, so far, that the kernel held the client's runnable threads back
 *                  for having used its quota (cgroup {@code cpu.stat}, summed over CPUs as the kernel sums
 *                  it); always 0 without a quota
 */
public record ClientHost(double cores, String coresFrom, String process, LongSupplier quotaThrottledMillis) {

    private static final LongSupplier NO_QUOTA = () -> 0;

    public ClientHost(double cores, String coresFrom, String process) {
        this(cores, coresFrom, process, NO_QUOTA);
    }

    public ClientHost {
        if (!(cores > 0)) {
            throw new IllegalArgumentException("a client has more than 0 cores, not " + cores);
        }
    }

    /** This JVM on all the cores it sees. */
    public static ClientHost thisJvm(String process) {
        return new ClientHost(Runtime.getRuntime().availableProcessors(), "Runtime.availableProcessors()", process);
    }

    /**
     * This JVM inside a CPU quota of {@code cpus}: the quota is what it had, whatever the machine's core
     * count; {@code throttledMillis} reads how long the quota has held it back.
     */
    public static ClientHost inQuota(double cpus, String process, LongSupplier throttledMillis) {
        return new ClientHost(cpus, "cgroup CPU quota", process, throttledMillis);
    }
}
