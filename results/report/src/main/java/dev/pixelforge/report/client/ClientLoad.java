package dev.pixelforge.report.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the load client itself used and suffered during one target's window, and whether that makes
 * the target's result {@code client-bound}: figures that may say more about the client than the
 * target.
 *
 * @param wallMillis the window the client watched
 * @param cpuMillis the client JVM's CPU time over it, all threads
 * @param cores the cores the client had: its quota when it ran in one
 * @param gcMillis time its collectors took (GarbageCollectorMXBean collection time)
 * @param clientFailures requests that failed in the client (ports, descriptors, heap), not in the
 *     target
 * @param firstFailure the first such failure as JMeter reported it; empty when none
 * @param process what the measured JVM held besides the client (an upper bound when it held more)
 * @param plannedThreads the plan's threads, and {@code rampSeconds} its ramp-up; 0 when the run did
 *     not record them
 * @param reservedConcurrency the target's reserved concurrency (Lambda), the most it serves at
 *     once; 0 for none
 * @param quotaPeriods the CPU quota's enforcement periods in which the client ran (cgroup cpu.stat
 *     {@code nr_periods}); 0 without a quota or in a run from before it was recorded
 * @param quotaThrottledPeriods of those, the ones in which it used up its quota and was held back
 *     until the next ({@code nr_throttled})
 */
public record ClientLoad(
        String target,
        long wallMillis,
        long cpuMillis,
        double cores,
        long gcMillis,
        long peakHeapUsedBytes,
        long heapMaxBytes,
        int peakThreads,
        long clientFailures,
        String firstFailure,
        String process,
        int plannedThreads,
        int rampSeconds,
        int reservedConcurrency,
        long quotaPeriods,
        long quotaThrottledPeriods) {

    /**
     * At or above this share of its cores the client cannot be trusted to have sent the load on
     * time: JMeter's threads then queue for CPU between requests, so the offered rate falls and the
     * measured round trips include the client's own wait. 85% leaves room for the samples'
     * bookkeeping spikes.
     */
    public static final double CPU_BOUND_SHARE = 0.85;

    /**
     * At or above this share of the window in GC, pauses stop every JMeter thread often enough to
     * show in the round trips.
     */
    public static final double GC_BOUND_SHARE = 0.10;

    /**
     * At or above this share of its quota's periods ending in a throttle, the client was short of
     * CPU although its mean may look low: a small quota is spent in bursts (0.2 CPU: 2 ms of each
     * 10 ms period), and every request that needs the CPU in the rest of the period waits, in its
     * round trip. Measured here, a client at 0.2 CPU used 31% of it on average and still halved the
     * requests sent against 2 CPUs. 25% is the CPUThrottlingHigh alert's threshold in the
     * Kubernetes monitoring mixin (kubernetes-monitoring/kubernetes-mixin, cpuThrottlingPercent),
     * the same ratio of cpu.stat counters.
     */
    public static final double QUOTA_BOUND_SHARE = 0.25;

    /** One request that failed in the client already means the load was not what the plan said. */
    public static final long FAILURES_BOUND = 1;

    /**
     * Figures are whole milliseconds, so a share exactly at a threshold is compared with this much
     * room for rounding.
     */
    private static final double ROUNDING = 1e-9;

    /** CPU time over wall time and cores: 1 is every core the client had, busy all the window. */
    public double cpuShare() {
        return wallMillis == 0 ? 0 : cpuMillis / (wallMillis * cores);
    }

    /**
     * The share of its quota's periods in which the client was held back: 0 to 1, 0 without a
     * quota.
     */
    public double quotaThrottledShare() {
        return quotaPeriods == 0 ? 0 : quotaThrottledPeriods / (double) quotaPeriods;
    }

    public double gcShare() {
        return wallMillis == 0 ? 0 : gcMillis / (double) wallMillis;
    }

    public boolean bound() {
        return !reasons().isEmpty();
    }

    /** Each threshold crossed, with its figure: empty when the client kept up. */
    public List<String> reasons() {
        List<String> out = new ArrayList<>();
        if (cpuShare() >= CPU_BOUND_SHARE - ROUNDING) {
            out.add(
                    String.format(
                            Locale.ROOT,
                            "its CPU was %.0f%% of the %s cores it had (at or above %.0f%%)",
                            100 * cpuShare(),
                            coresText(),
                            100 * CPU_BOUND_SHARE));
        }
        if (quotaThrottledShare() >= QUOTA_BOUND_SHARE - ROUNDING) {
            out.add(
                    String.format(
                            Locale.ROOT,
                            "its CPU quota ran out in %.0f%% of the periods it ran in (at or above"
                                    + " %.0f%%)",
                            100 * quotaThrottledShare(),
                            100 * QUOTA_BOUND_SHARE));
        }
        if (gcShare() >= GC_BOUND_SHARE - ROUNDING) {
            out.add(
                    String.format(
                            Locale.ROOT,
                            "GC took %.0f%% of the window (at or above %.0f%%)",
                            100 * gcShare(),
                            100 * GC_BOUND_SHARE));
        }
        if (clientFailures >= FAILURES_BOUND) {
            out.add(
                    String.format(
                            Locale.ROOT,
                            "%d request%s failed in the client%s",
                            clientFailures,
                            clientFailures == 1 ? "" : "s",
                            firstFailure.isEmpty() ? "" : " (first: " + firstFailure + ")"));
        }
        return out;
    }

    /** The warning sentence for a client-bound target; empty when it is not. */
    public String warning() {
        if (!bound()) {
            return "";
        }
        return target
                + " is client-bound: "
                + String.join("; ", reasons())
                + ". Its figures may measure the load client rather than the target"
                + (process.isEmpty() ? "." : " (the client's JVM held " + process + ").");
    }

    /** The cores as a person writes them: "2", "0.1". */
    public String coresText() {
        return cores == Math.rint(cores)
                ? Long.toString((long) cores)
                : String.format(Locale.ROOT, "%.2f", cores).replaceAll("0+$", "");
    }
}
