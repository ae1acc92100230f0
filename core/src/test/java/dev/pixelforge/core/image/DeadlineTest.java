package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.contract.ContractImages;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A request's deadline is checked between phases: a request past it stops at the next phase
 * boundary with 503 (deadline_exceeded), and gives its pixels back. The clock is advanced by hand:
 * no test here sleeps.
 */
class DeadlineTest {

    private static final long SECOND = 1_000_000_000L;

    /** Now, on the test's clock. */
    private final AtomicLong now = new AtomicLong();

    /** Takes one second of the test's clock per image. */
    private final class OneSecondAnImage implements ImageGenerator {
        int made;

        @Override
        public Pixels generate(int size, long seed) {
            made++;
            now.addAndGet(SECOND);
            return Pixels.blank(size, size, Channels.BGR);
        }

        @Override
        public String name() {
            return "one-second";
        }
    }

    @Test
    void generate_pastItsDeadline_stopsBetweenImages_andGivesItsPixelsBack() {
        OneSecondAnImage generator = new OneSecondAnImage();
        PixelBudget budget = new PixelBudget(1 << 20, 0);
        ImageFunction function = new ImageFunction(ImageLimits.DEFAULTS, generator, budget);
        GenerateRequest request = new GenerateRequest(4, 64, 0);
        Deadline deadline = Deadline.after(now::get, 0, 2500);

        PixelBudget.Lease lease = function.admitGenerate(request);
        ImageRejected e =
                assertThrows(
                        ImageRejected.class, () -> function.generate(request, lease, deadline));

        assertEquals(ImageRejected.Reason.DEADLINE_EXCEEDED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("after 3 of 4 images"), e.getMessage());
        assertEquals(3, generator.made); // the fourth was never started
        budget.acquire(1 << 20, 0).close(); // the whole budget is free again
    }

    @Test
    void generate_withinItsDeadline_makesEveryImage() {
        OneSecondAnImage generator = new OneSecondAnImage();
        ImageFunction function =
                new ImageFunction(ImageLimits.DEFAULTS, generator, new PixelBudget(1 << 20, 0));
        GenerateRequest request = new GenerateRequest(4, 64, 0);

        GenerateResult result =
                function.generate(
                        request,
                        function.admitGenerate(request),
                        Deadline.after(now::get, 0, 4000));

        assertEquals(4, result.images().size());
    }

    @Test
    void tone_thatWaitedPastItsDeadline_isRefusedBeforeDecoding() {
        PixelBudget budget = new PixelBudget(1 << 20, 0);
        ImageFunction function =
                new ImageFunction(ImageLimits.DEFAULTS, new FractalNoiseGenerator(), budget);
        byte[] png = ContractImages.png(64, 48, false);
        Deadline deadline = Deadline.after(now::get, 0, 1000);

        PixelBudget.Lease lease = function.admitTone(png);
        now.set(2 * SECOND); // it waited two seconds for a pixel thread
        ImageRejected e =
                assertThrows(
                        ImageRejected.class,
                        () -> function.tone(png, ToneRequest.gray(), lease, deadline));

        assertEquals(ImageRejected.Reason.DEADLINE_EXCEEDED, e.reason());
        assertTrue(e.getMessage().contains("while it waited for a pixel thread"), e.getMessage());
        budget.acquire(1 << 20, 0).close();
    }

    @Test
    void admission_takesThePixelsAtOnce_orRefusesAtOnce() {
        PixelBudget budget = new PixelBudget(64 * 48, 5000); // room for one 64x48 image
        ImageFunction function =
                new ImageFunction(ImageLimits.DEFAULTS, new FractalNoiseGenerator(), budget);
        byte[] png = ContractImages.png(64, 48, false);

        try (PixelBudget.Lease first = function.admitTone(png)) {
            long t0 = System.nanoTime();
            ImageRejected e = assertThrows(ImageRejected.class, () -> function.admitTone(png));
            long waited = System.nanoTime() - t0;

            assertEquals(ImageRejected.Reason.BUSY, e.reason());
            // The budget's own wait is 5 s; admission does not wait at all.
            assertTrue(waited < 1_000_000_000L, "admission waited " + waited / 1e6 + " ms");
        }
        function.admitTone(png).close(); // free again once the first is done
    }
}
