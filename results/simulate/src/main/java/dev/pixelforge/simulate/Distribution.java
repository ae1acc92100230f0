package dev.pixelforge.simulate;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An empirical distribution of durations (microseconds): what was measured, drawn from uniformly,
 * so a simulated request takes one of the times a real one took. No fitted shape stands between the
 * measurement and the simulation; the price is that nothing outside the measured range is drawn.
 */
public final class Distribution {

    private final long[] sorted;

    private Distribution(long[] sorted) {
        this.sorted = sorted;
    }

    /** The measured values, in any order; at least one. */
    public static Distribution of(long... micros) {
        if (micros.length == 0) {
            throw new IllegalArgumentException("a distribution needs at least one measurement");
        }
        long[] copy = micros.clone();
        Arrays.sort(copy);
        if (copy[0] < 0) {
            throw new IllegalArgumentException("durations are not negative, got " + copy[0]);
        }
        return new Distribution(copy);
    }

    /** Always {@code micros}: a figure given on the command line (a study's mean). */
    public static Distribution constant(long micros) {
        return of(micros);
    }

    public long draw(SplittableRandom random) {
        return sorted.length == 1 ? sorted[0] : sorted[random.nextInt(sorted.length)];
    }

    public int size() {
        return sorted.length;
    }

    public double mean() {
        return Arrays.stream(sorted).average().orElseThrow();
    }

    /** Nearest-rank quantile, {@code q} in [0, 1]. */
    public long quantile(double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The fraction of the values at or below {@code v}: the inverse of {@link #quantile}. */
    public double rankOf(long v) {
        int at = Arrays.binarySearch(sorted, v);
        if (at >= 0) {
            while (at + 1 < sorted.length && sorted[at + 1] == v) {
                at++;
            }
            return (double) (at + 1) / sorted.length;
        }
        return (double) (-at - 1) / sorted.length;
    }

    /** Every value divided by {@code k} (a dilated run's times, back to cloud time). */
    public Distribution dividedBy(double k) {
        return new Distribution(Arrays.stream(sorted).map(v -> Math.round(v / k)).toArray());
    }

    /** Every value of every part, as one distribution. */
    public static Distribution concat(List<Distribution> parts) {
        return of(parts.stream().flatMapToLong(d -> Arrays.stream(d.sorted)).toArray());
    }

    long[] values() {
        return sorted.clone();
    }
}
