package dev.pixelforge.report.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.report.summary.TargetSummary;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** A long run's time series are drawn in windows of equal seconds, at most a thousand points. */
class ChartWindowsTest {

    private static List<TargetSummary.Second> seconds(int n) {
        List<TargetSummary.Second> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Second i: i % 3 requests, all answered in (i % 3) x 10 ms; one throttle every 4th.
            long ok = i % 3;
            out.add(
                    new TargetSummary.Second(
                            i, ok, ok, i % 4 == 0 ? 1 : 0, 0, ok * 10_000.0, ok * 10_000));
        }
        return out;
    }

    @Test
    void aFewSeconds_areDrawnOneByOne() {
        List<Charts.Window> w = Charts.windows(seconds(900));
        assertEquals(900, w.size());
        assertEquals(2.0, w.get(2).requests());
        assertEquals(20_000.0, w.get(2).meanRt());
    }

    @Test
    void threeThousandSeconds_areDrawnInWindowsOfThree_averagedPerSecond() {
        List<Charts.Window> w = Charts.windows(seconds(3000));
        assertEquals(1000, w.size());
        // Seconds 3..5: 0, 1 and 2 requests, 1 per second on average; successes' mean round trip
        // (1 x 10 + 2 x 20) / 3 ms; throttles at second 4: 1/3 per second.
        Charts.Window second = w.get(1);
        assertEquals(3, second.second());
        assertEquals(1.0, second.requests(), 1e-12);
        assertEquals(3, second.successes());
        assertEquals(50_000.0 / 3, second.meanRt(), 1e-9);
        assertEquals(1.0 / 3, second.throttles(), 1e-12);
    }
}
