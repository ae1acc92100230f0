package dev.pixelforge.load.client;

/**
 * What a CPU quota did to the client so far, as cgroup {@code cpu.stat} counts it: the enforcement
 * periods in which it ran ({@code nr_periods}), those in which it used up its quota and was held
 * back until the next one ({@code nr_throttled}), and how long it was held back (summed over CPUs).
 */
public record QuotaUse(long periods, long throttledPeriods, long throttledMillis) {

    /** No quota: nothing counted. */
    public static final QuotaUse NONE = new QuotaUse(0, 0, 0);

    /** What happened between {@code earlier} and this. */
    public QuotaUse since(QuotaUse earlier) {
        return new QuotaUse(
                periods - earlier.periods,
                throttledPeriods - earlier.throttledPeriods,
                throttledMillis - earlier.throttledMillis);
    }
}
