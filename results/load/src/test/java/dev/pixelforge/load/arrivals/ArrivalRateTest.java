package dev.pixelforge.load.arrivals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

/**
 * The schedule of intended send times, exactly: counts, due times, steps, and what --rate refuses.
 */
class ArrivalRateTest {

    @Test
    void constantRate_sendsRateTimesSeconds_evenlySpaced() {
        ArrivalRate r = ArrivalRate.parse("20", 30);
        assertEquals(600, r.arrivals());
        assertEquals(30, r.seconds());
        assertEquals(0, r.dueNanos(0));
        assertEquals(50_000_000L, r.dueNanos(1));
        assertEquals(29_950_000_000L, r.dueNanos(599));
        assertThrows(IllegalArgumentException.class, () -> r.dueNanos(600));
    }

    @Test
    void rateThatDoesNotDivideASecond_isExactToTheNanosecond() {
        ArrivalRate r = ArrivalRate.parse("3", 2);
        assertEquals(6, r.arrivals());
        assertEquals(
                List.of(
                        0L,
                        333_333_333L,
                        666_666_666L,
                        1_000_000_000L,
                        1_333_333_333L,
                        1_666_666_666L),
                LongStream.range(0, 6).map(r::dueNanos).boxed().toList());
    }

    @Test
    void fractionalRates_countWholeArrivals_beforeTheEnd() {
        assertEquals(
                3,
                ArrivalRate.parse("0.3", 10).arrivals(),
                "0.3 x 10 is 3, not 3.0000000000000004 rounded up");
        ArrivalRate half = ArrivalRate.parse("0.5", 3);
        assertEquals(2, half.arrivals(), "at 0 s and 2 s; the next, at 4 s, is after the end");
        assertEquals(2_000_000_000L, half.dueNanos(1));
    }

    @Test
    void steps_followEachOther_eachFromItsOwnStart() {
        ArrivalRate r = ArrivalRate.parse("10:60s,50:60s", 999);
        assertEquals(120, r.seconds(), "the steps set the duration");
        assertEquals(600 + 3000, r.arrivals());
        assertEquals(59_900_000_000L, r.dueNanos(599), "the last of the first step");
        assertEquals(
                60_000_000_000L, r.dueNanos(600), "the first of the second step, at its start");
        assertEquals(60_020_000_000L, r.dueNanos(601));
        assertEquals(50.0, r.peakPerSecond());
        assertEquals(30.0, r.meanPerSecond());
    }

    @Test
    void pauseStep_sendsNothing_andShiftsWhatFollows() {
        ArrivalRate r = ArrivalRate.parse("2:1s,0:5s,2:1s", 0);
        assertEquals(4, r.arrivals());
        assertEquals(500_000_000L, r.dueNanos(1));
        assertEquals(6_000_000_000L, r.dueNanos(2));
    }

    @Test
    void durations_takeSecondsOrMinutes() {
        assertEquals(
                List.of(
                        new ArrivalRate.Step(5, 120),
                        new ArrivalRate.Step(7.5, 30),
                        new ArrivalRate.Step(1, 9)),
                ArrivalRate.parse("5:2m, 7.5:30s ,1:9", 0).steps());
    }

    @Test
    void slowedBy_stretchesEachStepKTimes_withTheSameArrivals() {
        ArrivalRate r = ArrivalRate.parse("10:60s,50:60s", 0).slowedBy(2);
        assertEquals(
                List.of(new ArrivalRate.Step(5, 120), new ArrivalRate.Step(25, 120)), r.steps());
        assertEquals(600 + 3000, r.arrivals());
        assertEquals("5:120s,25:120s", r.spec());
        // k = 4.82: 30 s -> 145 s (whole seconds), the 600 arrivals kept at 600 / 145 per second
        ArrivalRate odd = ArrivalRate.parse("20:30s", 0).slowedBy(4.82);
        assertEquals(145, odd.seconds());
        assertEquals(600, odd.arrivals());
    }

    @Test
    void spec_readsBackAsTheSameSchedule() {
        ArrivalRate r = ArrivalRate.parse("20", 30).slowedBy(3);
        assertEquals(r, ArrivalRate.parse(r.spec(), 0));
        assertEquals("6.667 req/s for 90 s", r.describe());
        assertEquals(
                "10 req/s for 60 s, then 50 req/s for 60 s",
                ArrivalRate.parse("10:60s,50:60s", 0).describe());
    }

    @Test
    void openModelSchedule_isStockJmetersSyntax_stepByStep_thenTheDrain() {
        assertEquals(
                "rate(10/sec) even_arrivals(60 sec) rate(10/sec) pause(5 sec)"
                        + " rate(2.5/sec) even_arrivals(30 sec) rate(2.5/sec) pause(5 sec)",
                ArrivalRate.parse("10:60s,0:5s,2.5:30s", 0).openModelSchedule(5));
    }

    @Test
    void defaultThreads_holdTwoSecondsOfThePeak_fromFourToAThousand() {
        assertEquals(40, ArrivalRate.parse("20", 30).defaultThreads());
        assertEquals(100, ArrivalRate.parse("10:60s,50:60s", 0).defaultThreads());
        assertEquals(4, ArrivalRate.parse("0.5", 30).defaultThreads());
        assertEquals(1000, ArrivalRate.parse("5000", 30).defaultThreads());
    }

    @Test
    void hasDurations_tellsStepsFromAConstantRate() {
        assertTrue(ArrivalRate.hasDurations("20:30s"));
        assertFalse(ArrivalRate.hasDurations("20"));
    }

    @Test
    void badText_isRefused_withWhatToWrite() {
        assertEquals(
                "--rate takes requests per second, e.g. 20, or steps RATE:SECONDS such as"
                        + " 10:60s,50:60s; 'abc' is neither",
                assertThrows(IllegalArgumentException.class, () -> ArrivalRate.parse("abc", 30))
                        .getMessage());
        assertEquals(
                "--rate with several steps needs each one's duration, e.g. 10:60s,50:60s; '50' has"
                        + " none",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ArrivalRate.parse("10:60s,50", 30))
                        .getMessage());
        assertEquals(
                "--rate sends no request at all: give a rate above 0",
                assertThrows(IllegalArgumentException.class, () -> ArrivalRate.parse("0", 30))
                        .getMessage());
        for (String bad : List.of("", "10:", "10:60h", "-5", "10:0s", "10;60s", "10:60s,", "1e3")) {
            assertThrows(IllegalArgumentException.class, () -> ArrivalRate.parse(bad, 30), bad);
        }
    }
}
