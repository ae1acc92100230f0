package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PixelBudgetTest {

    @Test
    void aRequestThatDoesNotFit_waitsItsTimeThenIsRefusedAsBusy_andFitsOnceTheOtherIsDone() {
        PixelBudget budget = new PixelBudget(100 * 1024, 30);
        PixelBudget.Lease big = budget.acquire(80 * 1024);

        ImageRejected busy = assertThrows(ImageRejected.class, () -> budget.acquire(50 * 1024));
        assertEquals(ImageRejected.Reason.BUSY, busy.reason());

        big.close();
        big.close(); // a second close gives nothing back twice
        try (PixelBudget.Lease a = budget.acquire(50 * 1024);
                PixelBudget.Lease b = budget.acquire(50 * 1024)) {
            assertThrows(ImageRejected.class, () -> budget.acquire(1));
        }
    }

    @Test
    void anImageLargerThanTheWholeBudget_stillRunsAlone() {
        PixelBudget budget = new PixelBudget(10 * 1024, 30);
        try (PixelBudget.Lease huge = budget.acquire(33_177_600)) {
            assertThrows(ImageRejected.class, () -> budget.acquire(1024));
        }
        budget.acquire(10 * 1024).close();
    }

    @Test
    void bytesHeld_takeTheBudgetAtEightBytesAPixel() {
        PixelBudget budget = new PixelBudget(100 * 1024, 0);
        try (PixelBudget.Lease body = budget.acquireBytes(8L * 60 * 1024)) {
            assertThrows(ImageRejected.class, () -> budget.acquire(50 * 1024, 0));
            budget.acquire(40 * 1024, 0).close();
        }
        budget.acquire(100 * 1024, 0).close();
    }

    @Test
    void aRequestsBodyAndPixels_holdAtMostTheWholeBudget_soAHugeOneStillRunsAlone() {
        PixelBudget budget = new PixelBudget(10 * 1024, 0);
        try (PixelBudget.Lease body = budget.acquireBytes(8L * 4 * 1024);
                PixelBudget.Lease pixels = budget.acquire(33_177_600, 0, 0, body)) {
            assertEquals(33_177_600, pixels.pixels());
            assertThrows(ImageRejected.class, () -> budget.acquire(1, 0));
        }
        budget.acquire(10 * 1024, 0).close();
    }

    @Test
    void theDefaultBudget_isHalfTheHeapAtEightBytesAPixel() {
        assertEquals(
                (1L << 30) / 2 / 8,
                PixelBudget.forHeap(1L << 30, 1).capacityPixels()); // 64 Mpx for a 1 GiB heap
    }
}
