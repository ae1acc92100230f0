package dev.pixelforge.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;

class ArrivalScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void poisson_keepsEachStepsArrivalsInItsStep_inOrder_atItsRate() {
        // 100/s for 100 s, nothing for 10 s, 1,000/s for 10 s: 10,000 expected in each busy step,
        // a Poisson count's standard deviation 100; the seed fixes the draw, so the bounds (5
        // deviations) only say the rate is the step's.
        PrimitiveIterator.OfLong due =
                ArrivalSchedule.poisson(
                        List.of(
                                new ArrivalSchedule.Step(100, 100),
                                new ArrivalSchedule.Step(0, 10),
                                new ArrivalSchedule.Step(1_000, 10)),
                        new SplittableRandom(1));
        long[] counts = new long[3];
        long last = -1;
        while (due.hasNext()) {
            long at = due.nextLong();
            assertTrue(at >= last, at + " after " + last);
            last = at;
            counts[at < 100 * SECOND ? 0 : at < 110 * SECOND ? 1 : 2]++;
        }
        assertTrue(last < 120 * SECOND, "the last step ends at 120 s: " + last);
        assertTrue(Math.abs(counts[0] - 10_000) <= 500, "first step: " + counts[0]);
        assertEquals(0, counts[1], "a step at rate 0 has no arrival");
        assertTrue(Math.abs(counts[2] - 10_000) <= 500, "last step: " + counts[2]);
        assertFalse(due.hasNext());
        assertThrows(NoSuchElementException.class, due::nextLong);
    }

    @Test
    void aStepWithoutTimeOrWithANegativeRate_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ArrivalSchedule.Step(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ArrivalSchedule.Step(-1, 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ArrivalSchedule.Step(Double.POSITIVE_INFINITY, 10));
    }
}
