package dev.pixelforge.load.jmeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.sample.Sample;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The .hlog holds the successes' round trips, readable by HdrHistogram's own log reader. */
class LatencyLogTest {

    @TempDir Path dir;

    @Test
    void successesOnly_inMicroseconds_readBackByHdrHistogramsReader() throws IOException {
        Path hlog = dir.resolve("histograms/container.hlog");
        try (LatencyLog log = new LatencyLog(hlog)) {
            for (long ms = 1; ms <= 100; ms++) {
                log.record(sample(200, ms * 1000));
            }
            log.interval();
            log.record(sample(429, 1_000)); // a refusal: not a latency
            log.record(sample(500, 9_000_000)); // an error: not a latency
            log.record(sample(200, 2_000_000));
            assertEquals(100, log.count(), "the second interval is not in yet");
        }
        Histogram all = new Histogram(LatencyLog.SIGNIFICANT_DIGITS);
        int intervals = 0;
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            while (reader.hasNext()) {
                all.add((Histogram) reader.nextIntervalHistogram());
                intervals++;
            }
        }
        assertEquals(
                2, intervals, "one per interval() with anything in it, the last written on close");
        assertEquals(101, all.getTotalCount());
        // Nearest rank, as the report computes it: ceil(0.5 x 101) = 51st of 1..100 ms and 2 s, 51
        // ms.
        assertTrue(
                all.valuesAreEquivalent(51_000, all.getValueAtPercentile(50)),
                "p50 " + all.getValueAtPercentile(50));
        assertTrue(all.valuesAreEquivalent(2_000_000, all.getMaxValue()));
        assertTrue(
                Files.readString(hlog).startsWith("#PixelForge: successful round trips"),
                "the log says what it holds");
    }

    private static Sample sample(int status, long roundTripMicros) {
        boolean ok = status == 200;
        return new Sample(
                1_700_000_000_000L,
                "container",
                "tone-json",
                "025x025-png",
                status,
                ok,
                status == 429,
                10,
                10,
                roundTripMicros,
                roundTripMicros,
                0,
                -1,
                -1,
                -1,
                -1,
                null,
                "c1");
    }
}
