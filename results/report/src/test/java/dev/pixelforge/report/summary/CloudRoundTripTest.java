package dev.pixelforge.report.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.platform.sample.Sample;

import org.junit.jupiter.api.Test;

import java.util.Map;

/** On a dilated target only the function's own time is divided by k, not the client's path. */
class CloudRoundTripTest {

    private static Sample sample(long roundTripMicros, long appMicros, long sendLagMicros) {
        return new Sample(
                1_800_000_000_000L,
                "container",
                "tone-json",
                "640x480-png",
                200,
                true,
                false,
                100,
                100,
                roundTripMicros,
                roundTripMicros,
                0,
                appMicros,
                -1,
                -1,
                -1,
                false,
                "i1",
                "",
                sendLagMicros);
    }

    private static TargetSummary summarize(double k, Sample s) {
        Summarizer summarizer =
                new Summarizer(Map.of(), Map.of(), Map.of(), Map.of("container", k), Map.of());
        summarizer.accept(s);
        return summarizer.summary("r", "quick").targets().get(0);
    }

    @Test
    void processTimeAndSendLag_areDividedByK_theRestIsKeptAsMeasured() {
        // 100 ms round trip, 60 of them in the function, at k = 2: 40 + 60 / 2 = 70 ms.
        assertEquals(70_000, summarize(2, sample(100_000, 60_000, -1)).cloudRoundTrip().p50());
        // Open loop, 20 ms late: from the intended send 120 ms; 40 + (60 + 20) / 2 = 80 ms.
        assertEquals(80_000, summarize(2, sample(100_000, 60_000, 20_000)).cloudRoundTrip().p50());
        // Without process time the whole round trip is divided.
        assertEquals(50_000, summarize(2, sample(100_000, -1, -1)).cloudRoundTrip().p50());
    }

    @Test
    void atKOne_theCloudRoundTripIsTheRoundTrip() {
        TargetSummary t = summarize(1, sample(100_000, 60_000, 20_000));
        assertEquals(t.roundTrip().p50(), t.cloudRoundTrip().p50());
        assertEquals(120_000, t.cloudRoundTrip().p50());
    }
}
