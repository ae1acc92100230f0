package dev.pixelforge.core.image;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many pixels may be in flight at once in this process. Every request holds its pixel count
 * from decode to encode; one that does not fit waits briefly, then is refused (the HTTP layer
 * answers 503 with Retry-After), so fifty concurrent 8K images queue or bounce instead of running
 * the heap out of memory.
 */
public final class PixelBudget {

    /**
     * Heap bytes one pixel costs at the peak of a request: decoded colour, gray copy, encoder
     * buffers.
     */
    static final int BYTES_PER_PIXEL = 8;

    private static final int PIXELS_PER_PERMIT = 1024;

    private final Semaphore permits;
    private final int capacity;
    private final long waitMillis;

    public PixelBudget(long pixels, long waitMillis) {
        this.capacity = (int) Math.max(1, Math.min(Integer.MAX_VALUE, pixels / PIXELS_PER_PERMIT));
        this.permits = new Semaphore(capacity, true);
        this.waitMillis = waitMillis;
    }

    /** Half the heap's worth of pixels: the rest is the server's, the runtime's and garbage's. */
    public static PixelBudget forHeap(long maxHeapBytes, long waitMillis) {
        return new PixelBudget(maxHeapBytes / 2 / BYTES_PER_PIXEL, waitMillis);
    }

    public long capacityPixels() {
        return (long) capacity * PIXELS_PER_PERMIT;
    }

    /** A hold on {@code pixels}; close it when the request's pixels are gone. */
    public Lease acquire(long pixels) {
        return acquire(pixels, waitMillis);
    }

    /**
     * A hold on {@code pixels}, waiting at most {@code waitMillis} for them (0: taken at once or
     * refused, as a request is before it is queued for a pixel thread).
     */
    public Lease acquire(long pixels, long waitMillis) {
        // An image larger than the whole budget still runs, alone: the size limits decide what is
        // too big.
        int wanted =
                (int)
                        Math.min(
                                capacity,
                                Math.max(1, (pixels + PIXELS_PER_PERMIT - 1) / PIXELS_PER_PERMIT));
        try {
            if (!permits.tryAcquire(wanted, waitMillis, TimeUnit.MILLISECONDS)) {
                throw new ImageRejected(
                        ImageRejected.Reason.BUSY,
                        "this instance is busy with other large images"
                                + " ("
                                + pixels
                                + " pixels asked, "
                                + capacityPixels()
                                + " in all): retry in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageRejected(
                    ImageRejected.Reason.BUSY, "interrupted while waiting for memory: retry");
        }
        return new Lease(wanted, pixels);
    }

    /** Gives the pixels back, once. */
    public final class Lease implements AutoCloseable {
        private int held;
        private final long pixels;

        private Lease(int held, long pixels) {
            this.held = held;
            this.pixels = pixels;
        }

        /** The pixels asked for (the budget holds at most its capacity of them). */
        public long pixels() {
            return pixels;
        }

        @Override
        public void close() {
            if (held > 0) {
                permits.release(held);
                held = 0;
            }
        }
    }
}
