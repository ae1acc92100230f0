package dev.pixelforge.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.core.image.PhaseTimings;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

class TimingFilterTest {

    @Test
    void metric_writesMillisecondsWithThreeDecimals_exactlyAsPercentPoint3fDid() {
        SplittableRandom random = new SplittableRandom(16);
        long[] edges = {
            0,
            1,
            499,
            500,
            999,
            1_000,
            1_499,
            1_500,
            9_999_499,
            9_999_500,
            123_456_789,
            60_000_000_000L
        };
        for (long nanos : edges) {
            assertSameAsFormat(nanos);
        }
        for (int i = 0; i < 100_000; i++) {
            assertSameAsFormat(random.nextLong(5_000_000_000L));
        }
    }

    @Test
    void serverTiming_namesEachPhaseThenApp() {
        assertEquals(
                "decode;dur=1.500, tone;dur=0.020, encode;dur=3.000, app;dur=12.346",
                TimingFilter.serverTiming(
                        Optional.of(new PhaseTimings(1_500_000, "tone", 20_000, 3_000_000)),
                        12_345_678));
        assertEquals(
                "generate;dur=2.000, encode;dur=0.001, app;dur=0.000",
                TimingFilter.serverTiming(
                        Optional.of(new PhaseTimings(0, "generate", 2_000_000, 1_000)), 0));
        assertEquals("app;dur=7.000", TimingFilter.serverTiming(Optional.empty(), 7_000_000));
    }

    private static void assertSameAsFormat(long nanos) {
        assertEquals(
                String.format(Locale.ROOT, "x;dur=%.3f", nanos / 1e6),
                TimingFilter.metric(new StringBuilder(), "x", nanos).toString(),
                nanos + " ns");
    }
}
