package dev.pixelforge.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void rankOf_isTheFractionAtOrBelow_andUndoesTheNearestRankQuantile() {
        Distribution d = Distribution.of(30, 20, 10, 20);

        assertEquals(0.0, d.rankOf(5));
        assertEquals(0.25, d.rankOf(10));
        assertEquals(0.25, d.rankOf(15));
        assertEquals(0.75, d.rankOf(20), "both 20s are at or below 20");
        assertEquals(1.0, d.rankOf(30));
        assertEquals(1.0, d.rankOf(99));
        for (long v : new long[] {10, 20, 30}) {
            assertEquals(v, d.quantile(d.rankOf(v)));
        }
    }
}
