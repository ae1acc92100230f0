package dev.pixelforge.report.summary;

import java.util.Arrays;

/**
 * A target's steady state cut into {@link #COUNT} consecutive, equally long stretches of time, and
 * what each held: the material of intervals that hold for correlated samples. Closed-loop samples
 * are not independent (a cold start or a slow 8K request stalls every thread behind it), so an
 * interval that assumes they are is too narrow; a figure computed once per batch varies as much as
 * the batches do, and ten batches of a steady state are far enough apart to be nearly independent
 * (sectioning: Asmussen and Glynn, Stochastic Simulation, 2007, III.5; batch means, Law, Simulation
 * Modeling and Analysis, 9.5.3).
 *
 * @param roundTrips each batch's successful round trips, ascending
 * @param cloudRoundTrips the same in cloud time (TargetSummary#cloudRoundTrip), ascending
 * @param successes each batch's successes
 * @param requests each batch's requests (successes, refusals, errors)
 */
public record TimeBatches(
        long[][] roundTrips, long[][] cloudRoundTrips, long[] successes, long[] requests) {

    /** Batches per steady state. */
    public static final int COUNT = 10;

    /** Student's t, 97.5th percentile, 9 degrees of freedom: a 95% interval from ten batches. */
    static final double T_975_9 = 2.262;

    public static final TimeBatches NONE =
            new TimeBatches(new long[0][], new long[0][], new long[0], new long[0]);

    public boolean present() {
        return roundTrips.length == COUNT;
    }

    /**
     * The 95% sectioning interval of the {@code p}-quantile around {@code estimate} (the quantile
     * of all the samples): estimate +- t x (standard deviation of the batches' quantiles) /
     * sqrt(batches). Null when a batch has too few successes for its own quantile to mean anything
     * (fewer than 2 / (1 - p): 4 for the median, 200 for p99).
     */
    public double[] quantileInterval(double p, double estimate) {
        return quantileInterval(roundTrips, p, estimate);
    }

    /** As {@link #quantileInterval}, of the cloud-time round trips. */
    public double[] cloudQuantileInterval(double p, double estimate) {
        return quantileInterval(cloudRoundTrips, p, estimate);
    }

    private double[] quantileInterval(long[][] batches, double p, double estimate) {
        if (!present()) {
            return null;
        }
        double[] perBatch = new double[COUNT];
        long least = (long) Math.ceil(2 / (1 - p));
        for (int b = 0; b < COUNT; b++) {
            if (batches[b].length < least) {
                return null;
            }
            perBatch[b] = Distribution.percentile(batches[b], p * 100);
        }
        return around(estimate, perBatch);
    }

    /** The 95% batch-means interval of the proportion of requests that succeeded. */
    public double[] availabilityInterval(double estimate) {
        if (!present()) {
            return null;
        }
        double[] perBatch = new double[COUNT];
        for (int b = 0; b < COUNT; b++) {
            if (requests[b] == 0) {
                return null;
            }
            perBatch[b] = successes[b] / (double) requests[b];
        }
        return around(estimate, perBatch);
    }

    /**
     * The 95% batch-means interval of goodput (successes per second), batches being equally long:
     * each batch's successes over its share of {@code steadySeconds}.
     */
    public double[] goodputInterval(double estimate, double steadySeconds) {
        if (!present() || steadySeconds <= 0) {
            return null;
        }
        double[] perBatch = new double[COUNT];
        for (int b = 0; b < COUNT; b++) {
            perBatch[b] = successes[b] / (steadySeconds / COUNT);
        }
        return around(estimate, perBatch);
    }

    private static double[] around(double estimate, double[] perBatch) {
        double mean = Arrays.stream(perBatch).average().orElse(0);
        double var = 0;
        for (double v : perBatch) {
            var += (v - mean) * (v - mean);
        }
        double half = T_975_9 * Math.sqrt(var / (COUNT - 1) / COUNT);
        return new double[] {estimate - half, estimate + half};
    }

    /**
     * Cuts a steady state into batches by send time.
     *
     * @param outcomes per request, its round trip, or -1 when it did not succeed
     * @param weight requests each sample stands for (a sampled simulation: more than 1)
     */
    static TimeBatches of(
            long[] starts,
            long[] outcomes,
            long[] cloudOutcomes,
            long fromMillis,
            long toMillis,
            long weight) {
        if (starts.length == 0) {
            return NONE;
        }
        LongList[] trips = new LongList[COUNT];
        LongList[] cloudTrips = new LongList[COUNT];
        long[] successes = new long[COUNT];
        long[] requests = new long[COUNT];
        for (int b = 0; b < COUNT; b++) {
            trips[b] = new LongList();
            cloudTrips[b] = new LongList();
        }
        long span = Math.max(1, toMillis - fromMillis);
        for (int i = 0; i < starts.length; i++) {
            int b = (int) Math.max(0, Math.min(COUNT - 1, (starts[i] - fromMillis) * COUNT / span));
            requests[b] += weight;
            if (outcomes[i] >= 0) {
                successes[b] += weight;
                trips[b].add(outcomes[i]);
                cloudTrips[b].add(cloudOutcomes[i]);
            }
        }
        return new TimeBatches(sorted(trips), sorted(cloudTrips), successes, requests);
    }

    private static long[][] sorted(LongList[] lists) {
        long[][] sorted = new long[COUNT][];
        for (int b = 0; b < COUNT; b++) {
            sorted[b] = lists[b].toArray();
            Arrays.sort(sorted[b]);
        }
        return sorted;
    }
}
