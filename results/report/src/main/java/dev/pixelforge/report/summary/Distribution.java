package dev.pixelforge.report.summary;

import java.util.Arrays;
import java.util.Objects;

/**
 * Exact summary of a set of durations (microseconds). Percentiles are nearest-rank: the p-th
 * percentile is the smallest value with at least p% of the values at or below it (rank ceil(p/100 x
 * n)). The standard deviation is the population one (divide by n), as JMeter's.
 *
 * <p>The median and p95 come with 95% confidence intervals from order statistics, with no
 * assumption on the distribution's shape (Le Boudec, "Performance Evaluation of Computer and
 * Communication Systems", Theorem 2.1, as SeBS uses): the interval of the p-quantile is [x(j),
 * x(k)] with j = floor(np - 1.96 sqrt(np(1-p))) and k = ceil(np + 1 + 1.96 sqrt(np(1-p))). Order
 * statistics rather than a bootstrap: exact ranks, no resampling, the same interval on every run of
 * the report. Where j or k falls outside 1..n the sample is too small: the interval is absent.
 *
 * @param p50Interval {low, high} of the median's 95% interval, or null with too few samples
 * @param p95Interval {low, high} of p95's 95% interval, or null with too few samples
 */
public record Distribution(
        int count,
        double mean,
        double std,
        long min,
        long p50,
        long p90,
        long p95,
        long p99,
        long max,
        long[] p50Interval,
        long[] p95Interval) {

    public static final Distribution EMPTY =
            new Distribution(0, Double.NaN, Double.NaN, -1, -1, -1, -1, -1, -1, null, null);

    /** Too few for a p99 worth reading: under 100 values, the p99 is one of the few largest. */
    public static final int FEW_FOR_P99 = 100;

    /** Summarises {@code values}; sorts the array in place. */
    public static Distribution of(long[] values) {
        int n = values.length;
        if (n == 0) {
            return EMPTY;
        }
        Arrays.sort(values);
        double sum = 0;
        for (long v : values) {
            sum += v;
        }
        double mean = sum / n;
        double squares = 0;
        for (long v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new Distribution(
                n,
                mean,
                Math.sqrt(squares / n),
                values[0],
                percentile(values, 50),
                percentile(values, 90),
                percentile(values, 95),
                percentile(values, 99),
                values[n - 1],
                interval(values, 0.5),
                interval(values, 0.95));
    }

    /**
     * The 95% interval of the p-quantile of ascending {@code sorted}, or null when the sample is
     * too small for one.
     */
    public static long[] interval(long[] sorted, double p) {
        int n = sorted.length;
        double spread = 1.96 * Math.sqrt(n * p * (1 - p));
        int j = (int) Math.floor(n * p - spread);
        int k = (int) Math.ceil(n * p + 1 + spread);
        if (j < 1 || k > n) {
            return null;
        }
        return new long[] {sorted[j - 1], sorted[k - 1]};
    }

    /**
     * The interval of {@code other}'s median minus this one's: from the two 95% intervals, [its low
     * - our high, its high - our low]. Both intervals hold together at least 90% of the time, so
     * the difference's interval is conservative; null when either is absent.
     */
    public long[] p50Difference(Distribution other) {
        return difference(p50Interval, other.p50Interval);
    }

    public long[] p95Difference(Distribution other) {
        return difference(p95Interval, other.p95Interval);
    }

    private static long[] difference(long[] ours, long[] theirs) {
        return ours == null || theirs == null
                ? null
                : new long[] {theirs[0] - ours[1], theirs[1] - ours[0]};
    }

    // Records compare arrays by reference: compare their contents, so equal summaries are equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof Distribution d
                && count == d.count
                && Double.compare(mean, d.mean) == 0
                && Double.compare(std, d.std) == 0
                && min == d.min
                && p50 == d.p50
                && p90 == d.p90
                && p95 == d.p95
                && p99 == d.p99
                && max == d.max
                && Arrays.equals(p50Interval, d.p50Interval)
                && Arrays.equals(p95Interval, d.p95Interval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                count,
                mean,
                std,
                min,
                p50,
                p90,
                p95,
                p99,
                max,
                Arrays.hashCode(p50Interval),
                Arrays.hashCode(p95Interval));
    }

    /** Nearest-rank percentile of ascending {@code sorted}. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
