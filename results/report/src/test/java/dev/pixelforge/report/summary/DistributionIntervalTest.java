package dev.pixelforge.report.summary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

/** The order-statistic 95% intervals, against ranks worked out by hand (Le Boudec, Theorem 2.1). */
class DistributionIntervalTest {

    private static long[] oneTo(int n, long offset) {
        return LongStream.rangeClosed(1, n).map(v -> v + offset).toArray();
    }

    @Test
    void median_of200_isBetweenRanks86And115() {
        // 1.96 x sqrt(200 x 0.5 x 0.5) = 13.86: j = floor(100 - 13.86) = 86, k = ceil(101 + 13.86)
        // = 115
        assertArrayEquals(new long[] {86, 115}, Distribution.of(oneTo(200, 0)).p50Interval());
    }

    @Test
    void p95_of200_isBetweenRanks183And198() {
        // 1.96 x sqrt(200 x 0.95 x 0.05) = 6.04: j = floor(190 - 6.04) = 183, k = ceil(191 + 6.04)
        // = 198
        assertArrayEquals(new long[] {183, 198}, Distribution.of(oneTo(200, 0)).p95Interval());
    }

    @Test
    void tooFewSamples_haveNoInterval() {
        // n = 10: the median's ranks 1 and 10 fit; p95's k = ceil(10.5 + 1.35) = 12 does not
        assertArrayEquals(new long[] {1, 10}, Distribution.of(oneTo(10, 0)).p50Interval());
        assertNull(Distribution.of(oneTo(10, 0)).p95Interval());
        // n = 4: j = floor(2 - 1.96) = 0
        assertNull(Distribution.of(oneTo(4, 0)).p50Interval());
    }

    @Test
    void difference_isTheirLowMinusOurHigh_toTheirHighMinusOurLow() {
        Distribution a = Distribution.of(oneTo(200, 0));
        Distribution b = Distribution.of(oneTo(200, 50));
        assertArrayEquals(new long[] {136 - 115, 165 - 86}, a.p50Difference(b));
    }
}
