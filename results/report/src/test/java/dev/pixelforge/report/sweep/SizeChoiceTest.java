package dev.pixelforge.report.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The strategies against figures worked out by hand. Three sizes of one target: A $10/million at
 * 300 ms, B $8 at 200 ms, C $12 at 100 ms; the highest cost is $12, the slowest 300 ms. Balanced
 * value = w x cost / 12 + (1 - w) x p50 / 300.
 */
class SizeChoiceTest {

    private static final SizePoint A =
            SizePoint.of("aws-lambda", "A", 10, 300, new double[] {290, 310});
    private static final SizePoint B =
            SizePoint.of("aws-lambda", "B", 8, 200, new double[] {195, 205});
    private static final SizePoint C =
            SizePoint.of("aws-lambda", "C", 12, 100, new double[] {98, 102});
    private static final List<SizePoint> SIZES = List.of(A, B, C);

    private static SizeChoice choose(Strategy s, double weight) {
        return SizeChoice.of(SIZES, s, weight);
    }

    @Test
    void cost_picksTheCheapest() {
        SizeChoice c = choose(Strategy.COST, 0.5);
        assertEquals("B", c.best().size());
        assertEquals(List.of(), c.withinNoise());
        assertEquals(
                "B: $8.00 per million, process p50 200.0 ms (one total per size: no interval)",
                c.why());
    }

    @Test
    void speed_picksTheFastest_andSaysItIsSignificant() {
        SizeChoice c = choose(Strategy.SPEED, 0.5);
        assertEquals("C", c.best().size());
        assertEquals(List.of(), c.withinNoise());
        assertEquals(
                "C: process p50 100.0 ms; significantly better than the next (95% intervals apart)",
                c.why());
    }

    @Test
    void balanced_atHalf_isATieBetweenBAndC_thatGoesToTheFaster_andSaysBIsWithinNoise() {
        // A: 0.5 x 10/12 + 0.5 x 300/300 = 0.9167; B: 0.5 x 8/12 + 0.5 x 200/300 = 0.6667; C: 0.5 x
        // 12/12 + 0.5 x 100/300 = 0.6667.
        assertEquals(
                SizeChoice.balanced(8, 200, 0.5, 12, 300),
                SizeChoice.balanced(12, 100, 0.5, 12, 300),
                1e-12);
        SizeChoice c = choose(Strategy.BALANCED, 0.5);
        assertEquals("C", c.best().size());
        // C's interval: 0.5 + 0.5 x 98/300 .. 0.5 + 0.5 x 102/300 = 0.6633..0.6700; B's: 0.3333 +
        // 0.5 x 195/300 .. 205/300 = 0.6583..0.6750.
        assertEquals(List.of(B), c.withinNoise());
        assertEquals(
                "C: $12.00 per million, process p50 100.0 ms, balanced value 0.667 at weight 0.5;"
                    + " within noise of B (95% intervals overlap): the data cannot tell them apart",
                c.why());
    }

    @Test
    void balanced_atWeightZero_isSpeed_andAtWeightOne_isCost() {
        assertEquals("C", choose(Strategy.BALANCED, 0).best().size());
        assertEquals("B", choose(Strategy.BALANCED, 1).best().size());
    }

    @Test
    void balanced_inBetween_followsTheHandComputedValues() {
        // w = 0.25: A 0.2083 + 0.75 = 0.9583, B 0.1667 + 0.5 = 0.6667, C 0.25 + 0.25 = 0.5: C.
        assertEquals(0.5, SizeChoice.balanced(12, 100, 0.25, 12, 300), 1e-12);
        assertEquals("C", choose(Strategy.BALANCED, 0.25).best().size());
        // w = 0.75: A 0.625 + 0.25 = 0.875, B 0.5 + 0.1667 = 0.6667, C 0.75 + 0.0833 = 0.8333: B.
        assertEquals(0.875, SizeChoice.balanced(10, 300, 0.75, 12, 300), 1e-12);
        assertEquals("B", choose(Strategy.BALANCED, 0.75).best().size());
    }

    @Test
    void cost_tie_goesToTheFaster_andNamesTheOtherAsTheSameCost() {
        SizePoint d = SizePoint.of("container", "D", 5, 50, null);
        SizePoint e = SizePoint.of("container", "E", 5, 40, null);
        SizeChoice c = SizeChoice.of(List.of(d, e), Strategy.COST, 0.5);
        assertEquals("E", c.best().size());
        assertEquals(List.of(d), c.withinNoise());
        assertTrue(c.why().endsWith("within noise of D (the same cost)"), c.why());
    }

    @Test
    void speed_tie_goesToTheCheaper_andWithoutIntervalsSaysSo() {
        SizePoint d = SizePoint.of("container", "D", 6, 40, null);
        SizePoint e = SizePoint.of("container", "E", 5, 40, null);
        SizeChoice c = SizeChoice.of(List.of(d, e), Strategy.SPEED, 0.5);
        assertEquals("E", c.best().size());
        assertEquals(
                "E: process p50 40.0 ms; too few samples for an interval: whether it beats the next"
                        + " is not known",
                c.why());
    }

    @Test
    void speed_claimsSignificanceOnlyAgainstANextSizeWithAnInterval() {
        assertEquals(
                "C: process p50 100.0 ms; the only size ranked: nothing to compare it with",
                SizeChoice.of(List.of(C), Strategy.SPEED, 0.5).why());
        SizePoint few = SizePoint.of("aws-lambda", "F", 9, 150, null);
        assertEquals(
                "C: process p50 100.0 ms; F, the next, has too few samples for an interval: whether"
                        + " it beats that one is not known",
                SizeChoice.of(List.of(A, few, C), Strategy.SPEED, 0.5).why());
    }

    @Test
    void unpricedSizes_haveNoCostChoice_butStillASpeedOne() {
        SizePoint d = SizePoint.of("container", "D", Double.NaN, 40, null);
        assertNull(SizeChoice.of(List.of(d), Strategy.COST, 0.5).best());
        assertEquals(
                "no size was priced (no pricing.properties in its run folder)",
                SizeChoice.of(List.of(d), Strategy.BALANCED, 0.5).why());
        assertEquals("D", SizeChoice.of(List.of(d), Strategy.SPEED, 0.5).best().size());
    }

    @Test
    void weight_outsideZeroToOne_isRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> choose(Strategy.BALANCED, 1.5));
        assertEquals("--balanced-weight is 0 (all speed) to 1 (all cost), was 1.5", e.getMessage());
    }
}
