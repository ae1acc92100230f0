package dev.pixelforge.load.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.load.arrivals.ArrivalRate;

import org.junit.jupiter.api.Test;

/**
 * A dilated target gets the cloud-seconds the profile names: its wall-clock load is k times longer.
 */
class LoadProfileTest {

    private static final LoadProfile QUICK = LoadProfile.named("quick");

    @Test
    void slowedBy_stretchesRampAndDuration_keepsThreads() {
        LoadProfile lambda = QUICK.slowedBy(4.82); // 5 s ramp, 65 s, 2 threads
        assertEquals(QUICK.threads(), lambda.threads());
        assertEquals(2, QUICK.threads());
        assertEquals(24, lambda.rampSeconds(), "5 x 4.82 = 24.1");
        assertEquals(313, lambda.durationSeconds(), "65 x 4.82 = 313.3");
        assertEquals(541, QUICK.slowedBy(8.33).durationSeconds(), "65 x 8.33 = 541.45");
        assertEquals(4.82, lambda.slowdown(), "the progress line shows cloud time from it");
        assertEquals(1.0, QUICK.slowdown());
        assertSame(QUICK, QUICK.slowedBy(1));
    }

    @Test
    void slowedBy_openLoop_stretchesTheScheduleAndTheDuration() {
        LoadProfile open = QUICK.withArrivals(ArrivalRate.parse("10:20s,5:10s", 0), 40);
        LoadProfile slow = open.slowedBy(2);
        assertEquals(60, slow.durationSeconds());
        assertEquals(0, slow.rampSeconds());
        assertEquals(40, slow.threads());
        assertEquals("5:40s,2.5:20s", slow.arrivals().spec());
        assertEquals(open.arrivals().arrivals(), slow.arrivals().arrivals());
    }

    @Test
    void aThinkTime_isStretchedWithTheLoad_andOnlyInClosedLoop() {
        LoadProfile thinking = QUICK.withThinkMillis(100);
        assertEquals(482, thinking.slowedBy(4.82).thinkMillis(), "100 ms x 4.82 in wall-clock");
        assertEquals(100, thinking.withThreads(4).withDuration(120).thinkMillis());
        assertEquals(0, QUICK.thinkMillis(), "none by default, as the studies ran");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                QUICK.withArrivals(ArrivalRate.parse("10", 30), 40)
                                        .withThinkMillis(100));
        assertTrue(e.getMessage().contains("only in closed loop"), e.getMessage());
    }
}
