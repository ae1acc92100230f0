package dev.pixelforge.platform.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * {@code Server-Timing} as the function writes it ({@code name;dur=milliseconds}), read into
 * microseconds.
 */
class ServerTimingTest {

    @Test
    void parse_severalMetrics_givesEachInMicroseconds() {
        // As the local Lambda answered a POST /tone?scale=sepia.
        assertEquals(
                Map.of("decode", 18_956L, "tone", 10_519L, "encode", 21_314L, "app", 311_980L),
                ServerTiming.parse(
                        "decode;dur=18.956, tone;dur=10.519, encode;dur=21.314, app;dur=311.980"));
    }

    @Test
    void parse_spacesAroundNamesAndParameters_areIgnored() {
        assertEquals(
                Map.of("app", 3_500L, "tone", 1_000L),
                ServerTiming.parse("  app ; dur=3.5 ,tone;dur=1"));
    }

    @Test
    void parse_durAfterOtherParameters_isFound() {
        assertEquals(
                Map.of("app", 7_000L), ServerTiming.parse("app;desc=\"in the function\";dur=7"));
    }

    @Test
    void parse_metricWithoutDur_isLeftOut() {
        assertEquals(Map.of("app", 2_000L), ServerTiming.parse("cache;desc=hit, miss, app;dur=2"));
    }

    @Test
    void parse_durThatIsNotANumber_isSkippedAndTheRestStillCounts() {
        assertEquals(
                Map.of("tone", 4_250L),
                ServerTiming.parse("app;dur=abc, tone;dur=4.25, encode;dur="));
    }

    @Test
    void parse_noHeader_isEmpty() {
        assertEquals(Map.of(), ServerTiming.parse(null));
        assertEquals(Map.of(), ServerTiming.parse(" "));
    }
}
