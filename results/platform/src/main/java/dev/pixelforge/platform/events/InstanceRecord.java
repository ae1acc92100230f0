package dev.pixelforge.platform.events;

import dev.pixelforge.platform.Target;

/**
 * One platform instance's life, as the stand-ins measured it: when it became ready after being
 * spawned, and what it used by the time it stopped.
 *
 * @param id the stand-in's own instance number, per target
 * @param readyMillis spawn to ready (Lambda: to the runtime's first /next; others: port accepts)
 * @param peakRssKb VmHWM when it stopped
 * @param cpuMillis user + system CPU when it stopped
 * @param requests requests (invocations) it served
 * @param cpuQuota the CPU share the kernel enforced, in vCPUs; NaN when none was (CPU not isolated)
 * @param throttledMillis time the kernel held it back for having used its quota: a starved instance
 *     shows here
 * @param jdk the JDK it ran on: vendor, version and ImageIO JPEG codec ("Eclipse Adoptium
 *     25.0.3+9-LTS / bundled IJG libjpeg 6b"); empty when not known
 */
public record InstanceRecord(
        Target target,
        int id,
        long pid,
        double readyMillis,
        long peakRssKb,
        long cpuMillis,
        long requests,
        double cpuQuota,
        long throttledMillis,
        String jdk) {

    /** A record without its JDK (a fake instance, or a file from before the column). */
    public InstanceRecord(
            Target target,
            int id,
            long pid,
            double readyMillis,
            long peakRssKb,
            long cpuMillis,
            long requests,
            double cpuQuota,
            long throttledMillis) {
        this(
                target,
                id,
                pid,
                readyMillis,
                peakRssKb,
                cpuMillis,
                requests,
                cpuQuota,
                throttledMillis,
                "");
    }
}
