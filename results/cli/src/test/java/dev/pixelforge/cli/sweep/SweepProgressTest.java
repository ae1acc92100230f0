package dev.pixelforge.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * The time left: before any step, the load plus a start-up allowance per step; then the mean of the
 * steps done.
 */
class SweepProgressTest {

    @Test
    void timeLeft_isGuessedFirst_thenTheMeanStepTimesTheStepsLeft() {
        SweepProgress p = new SweepProgress(9, Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(9 * 45), p.left());
        p.stepDone(Duration.ofSeconds(50));
        p.stepDone(Duration.ofSeconds(40));
        assertEquals(Duration.ofSeconds(7 * 45), p.left());
        assertEquals("5 min 15 s", SweepProgress.human(p.left()));
        assertEquals("44 s", SweepProgress.human(Duration.ofMillis(44_900)));
    }
}
