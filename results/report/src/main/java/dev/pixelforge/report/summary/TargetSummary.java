package dev.pixelforge.report.summary;

import java.util.List;
import java.util.Map;

/**
 * What one target did in one run: counts, rates, and the distribution of every timing, plus the
 * series the report charts. All durations in microseconds.
 *
 * <p>Round trip, latency, connect, process and overhead are of successful requests only; refusals
 * (throttles) and errors are counted and timed apart. In open loop the round trip (and the cold
 * start and per-image ones) is from each request's intended send time; the others are JMeter's.
 *
 * @param offeredRps requests sent per second over the target's whole window (first start to last
 *     end)
 * @param goodputRps successes per second over the same window
 * @param availability successes / all requests
 * @param coldRoundTrip round trip of the requests that were a process's first
 * @param refusalRoundTrip time to answer of the refusals (throttles)
 * @param errorRoundTrip time to answer of the errors (neither a success nor a refusal)
 * @param byImage per image (in size order): the round trip and process time of its successes
 * @param perSecond one entry per second from the target's first request
 * @param roundTripSorted every round trip in ascending order, for the distribution chart
 * @param arrivals open loop: what was planned and sent, and how late; {@link Arrivals#CLOSED_LOOP}
 *     otherwise
 */
public record TargetSummary(
        String target,
        long samples,
        long successes,
        long errors,
        long throttles,
        long coldStarts,
        double windowSeconds,
        double offeredRps,
        double goodputRps,
        double availability,
        Distribution roundTrip,
        Distribution latency,
        Distribution connect,
        Distribution process,
        Distribution overhead,
        Distribution coldRoundTrip,
        Distribution refusalRoundTrip,
        Distribution errorRoundTrip,
        Map<String, ImageTimes> byImage,
        List<Second> perSecond,
        long[] roundTripSorted,
        Resources resources,
        Arrivals arrivals,
        double meanResponseBytes) {

    /** Median round trip and process time of one image's successful requests. */
    public record ImageTimes(
            String image, long pixels, Distribution roundTrip, Distribution process) {}

    /**
     * One second of the run.
     *
     * @param meanRoundTripMicros the successes' mean round trip as the report shows it (open loop:
     *     from the intended send time)
     * @param inFlightMicros the time every request started in this second was in flight, added up:
     *     from the moment each left (JMeter's own round trip), successes, refusals and errors
     *     alike, as each held a load thread for it (Little's law for the requests in flight)
     */
    public record Second(
            int second,
            long requests,
            long successes,
            long throttles,
            long errors,
            double meanRoundTripMicros,
            long inFlightMicros) {}

    /**
     * CPU time and peak memory of the target's instances, when the run was local; empty otherwise.
     *
     * @param serving instances that served at least one request (each one's first was a cold start)
     * @param cpuQuota the CPU share each instance ran under, in vCPUs (the largest, if they
     *     differ); NaN when none was enforced
     * @param throttledMillis time the kernel held the instances back for having used their quota,
     *     summed
     */
    public record Resources(
            int instances,
            int serving,
            long cpuMillis,
            long peakRssKb,
            double meanReadyMillis,
            double cpuQuota,
            long throttledMillis) {
        public static final Resources UNKNOWN =
                new Resources(0, 0, -1, -1, Double.NaN, Double.NaN, -1);

        public boolean known() {
            return instances > 0;
        }
    }
}
