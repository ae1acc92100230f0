package dev.pixelforge.report.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.platform.sample.Sample;

import org.junit.jupiter.api.Test;

import java.util.Map;

/** A simulation that kept one sample in N: counts and rates times N, timings of the samples. */
class SampledRunTest {

    private static Sample sample(long atMillis, int status, long roundTripMicros) {
        boolean ok = status == 200;
        return new Sample(
                1_800_000_000_000L + atMillis,
                "aws-lambda",
                "tone-json",
                "640x480-png",
                status,
                ok,
                status == 429,
                1000,
                100,
                roundTripMicros,
                roundTripMicros,
                0,
                ok ? roundTripMicros / 2 : -1,
                -1,
                -1,
                -1,
                false,
                ok ? "i1" : "");
    }

    private static TargetSummary summarize(long weight) {
        Summarizer s =
                new Summarizer(
                        Map.of(), Map.of(), Map.of(), Map.of(), Map.of("aws-lambda", weight));
        // One every 100 ms for 10 s: three in four answered (10..29 ms), one in four refused.
        for (int i = 0; i < 100; i++) {
            s.accept(sample(i * 100L, i % 4 == 3 ? 429 : 200, (10 + i % 20) * 1000L));
        }
        return s.summary("r", "quick").targets().get(0);
    }

    @Test
    void countsAndRates_areTheKeptSamplesTimesN_timingsAreTheKeptSamples() {
        TargetSummary one = summarize(1);
        TargetSummary three = summarize(3);
        assertEquals(100, one.samples());
        assertEquals(300, three.samples());
        assertEquals(75 * 3, three.successes());
        assertEquals(25 * 3, three.throttles());
        assertEquals(one.availability(), three.availability(), 1e-12);
        assertEquals(one.goodputRps() * 3, three.goodputRps(), 1e-9);
        assertEquals(one.roundTrip(), three.roundTrip());
        assertEquals(one.meanResponseBytes(), three.meanResponseBytes(), 1e-9);
        long perSecond = three.perSecond().stream().mapToLong(TargetSummary.Second::requests).sum();
        assertEquals(300, perSecond);
        for (int i = 0; i < one.perSecond().size(); i++) {
            assertEquals(
                    one.perSecond().get(i).meanRoundTripMicros(),
                    three.perSecond().get(i).meanRoundTripMicros(),
                    1e-9,
                    "second " + i);
        }
        assertEquals(0, three.busyPeriodsMicros().length, "not estimated from kept samples");
    }
}
