package dev.pixelforge.report.summary;

import java.util.Arrays;

/**
 * Exact summary of a set of durations (microseconds). Percentiles are nearest-rank: the p-th
 * percentile is the smallest value with at least p% of the values at or below it (rank
 * ceil(p/100 x n)). The standard deviation is the population one (divide by n), as JMeter's.
 */
public record Distribution(int count, double mean, double std, long min, long p50, long p90, long p95, long p99, long max) {

    public static final Distribution EMPTY = new Distribution(0, Double.NaN, Double.NaN, -1, -1, -1, -1, -1, -1);

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
        return new Distribution(n, mean, Math.sqrt(squares / n), values[0],
                percentile(values, 50), percentile(values, 90), percentile(values, 95), percentile(values, 99), values[n - 1]);
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
