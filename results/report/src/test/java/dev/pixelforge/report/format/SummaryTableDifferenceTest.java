package dev.pixelforge.report.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The side-by-side table's differences against the first target, as a reader sees them. */
class SummaryTableDifferenceTest {

    @Test
    void difference_withAnIntervalClearOfZero_isSignificant() {
        assertEquals(
                "-34.0 [-41.0, -28.0]",
                SummaryTable.difference(-34_000, new long[] {-41_000, -28_000}));
    }

    @Test
    void difference_whoseIntervalHoldsZero_saysSo() {
        assertEquals(
                "+5.00 [-3.00, +12.0] no significant difference",
                SummaryTable.difference(5_000, new long[] {-3_000, 12_000}));
    }

    @Test
    void difference_withoutAnInterval_saysTooFew() {
        assertEquals("+120 (too few)", SummaryTable.difference(120_000, null));
        assertEquals("too few", SummaryTable.interval(null));
    }
}
