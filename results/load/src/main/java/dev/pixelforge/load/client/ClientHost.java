package dev.pixelforge.load.client;

import java.util.function.Supplier;

/**
 * What the load client ran on: how many cores it had and why that many, and what else shared its
 * JVM (the watch measures the whole process, so a gateway in the same JVM counts as client CPU).
 *
 * @param cores the CPU the client could use, in cores: its quota when it ran in one
 * @param coresFrom where {@code cores} came from, for the report
 * @param process what the measured process held besides the load client, or that it held only the
 *     client
 * @param quotaUse what the client's CPU quota has done to it so far (cgroup {@code cpu.stat});
 *     {@link QuotaUse#NONE} without a quota
 * @param enterQuota puts this JVM into its quota; the watch runs it once, as the window opens, so
 *     that the engine's start-up (JMeter, Groovy: minutes at 0.1 CPU) is not part of the model
 */
public record ClientHost(
        double cores,
        String coresFrom,
        String process,
        Supplier<QuotaUse> quotaUse,
        Runnable enterQuota) {

    private static final Supplier<QuotaUse> NO_QUOTA = () -> QuotaUse.NONE;

    public ClientHost(double cores, String coresFrom, String process) {
        this(cores, coresFrom, process, NO_QUOTA, () -> {});
    }

    public ClientHost {
        if (!(cores > 0)) {
            throw new IllegalArgumentException("a client has more than 0 cores, not " + cores);
        }
    }

    /** This JVM on all the cores it sees. */
    public static ClientHost thisJvm(String process) {
        return new ClientHost(
                Runtime.getRuntime().availableProcessors(),
                "Runtime.availableProcessors()",
                process);
    }

    /**
     * This JVM inside a CPU quota of {@code cpus}: the quota is what it had, whatever the machine's
     * core count; {@code quotaUse} reads what the quota has done to it so far, {@code enterQuota}
     * joins it.
     */
    public static ClientHost inQuota(
            double cpus, String process, Supplier<QuotaUse> quotaUse, Runnable enterQuota) {
        return new ClientHost(cpus, "cgroup CPU quota", process, quotaUse, enterQuota);
    }
}
