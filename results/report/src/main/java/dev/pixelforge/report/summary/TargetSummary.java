package dev.pixelforge.report.summary;

import java.util.List;
import java.util.Map;

/**
 * What one target did in one run: counts, rates, and the distribution of every timing, plus the
 * series the report charts. All durations in microseconds.
 *
 * <p>Every count, rate and timing is of the steady state ({@link Phase}: the rule is {@code
 * SteadyState}'s), except the cold starts, which are their own question and counted over the whole
 * window. Round trip, latency, connect, process and overhead are of successful requests only;
 * refusals (throttles) and errors are counted and timed apart. In open loop the round trip (and the
 * cold start and per-image ones) is from each request's intended send time; the others are
 * JMeter's.
 *
 * @param coldStarts cold starts over the whole window, start-up included
 * @param windowSeconds the target's whole window, first send to last answer (wall-clock)
 * @param offeredRps requests sent per second of steady state
 * @param goodputRps successes per second of steady state
 * @param availability successes / all requests
 * @param coldRoundTrip round trip of the requests that were a process's first
 * @param refusalRoundTrip time to answer of the refusals (throttles)
 * @param errorRoundTrip time to answer of the errors (neither a success nor a refusal)
 * @param byImage per image (in size order): the round trip and process time of its successes
 * @param perSecond one entry per second from the target's first request to its last answer, zero
 *     filled, start-up included ({@link Phase#firstSteadySecond})
 * @param roundTripSorted every round trip in ascending order, for the distribution chart
 * @param arrivals open loop: what was planned and sent, and how late; {@link Arrivals#CLOSED_LOOP}
 *     otherwise
 * @param phase the start-up and the steady state, as the summary split them
 * @param batches the steady state in ten stretches, for intervals that hold for correlated samples
 * @param busyPeriodsMicros the steady state's busy periods, per instance, wall-clock: stretches in
 *     which an instance had at least one request in its function (each success's process time,
 *     ending at its answer; overlapping ones merged), what request-based billing bills
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
        double meanResponseBytes,
        Phase phase,
        TimeBatches batches,
        long[] busyPeriodsMicros,
        long largestSentBytes,
        Distribution cloudRoundTrip,
        long[] cloudRoundTripSorted) {

    /**
     * How the target's window split (wall-clock seconds; divide by the target's k for cloud
     * seconds).
     *
     * @param startupRequests requests sent during start-up, left out of every figure but the cold
     *     starts
     * @param startupThrottles the start-up's refusals
     * @param steadyColdStarts cold starts during the steady state (its own scale-out)
     * @param firstSteadySecond the index in {@link #perSecond} of the first whole steady second
     */
    public record Phase(
            long steadyFromEpochMillis,
            double startupSeconds,
            double steadySeconds,
            long startupRequests,
            long startupThrottles,
            long steadyColdStarts,
            int firstSteadySecond) {}

    /** Requests over the whole window, start-up included: what the platforms counted. */
    public long allRequests() {
        return samples + phase.startupRequests();
    }

    /** Refusals over the whole window, start-up included. */
    public long allThrottles() {
        return throttles + phase.startupThrottles();
    }

    /** Median round trip and process time of one image's successful requests. */
    public record ImageTimes(
            String image, long pixels, Distribution roundTrip, Distribution process) {}

    /**
     * One second of the run.
     *
     * @param successes successes answered in this second (by their last byte)
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
