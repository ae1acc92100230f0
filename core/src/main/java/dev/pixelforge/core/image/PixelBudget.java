package dev.pixelforge.core.image;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many pixels may be in flight at once in this process. Every request holds its pixel count
 * from decode to encode; one that does not fit waits briefly, then is refused (the HTTP layer
 * answers 503 with Retry-After), so fifty concurrent 8K images queue or bounce instead of running
 * the heap out of memory. Bytes a request holds (its body, a JSON request's decoded image) count
 * too, at {@link #BYTES_PER_PIXEL} bytes a pixel: one budget for all the heap requests take.
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

    /** Pixels whose heap a buffer of {@code bytes} takes instead. */
    public static long pixelsForBytes(long bytes) {
        return (Math.max(0, bytes) + BYTES_PER_PIXEL - 1) / BYTES_PER_PIXEL;
    }

    /**
     * A hold on {@code bytes} of request buffers (a body as it arrives), taken at once or refused
     * (503).
     */
    public Lease acquireBytes(long bytes) {
        return acquire(0, bytes, 0, null);
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
        return acquire(pixels, 0, waitMillis, null);
    }

    /**
     * A hold on {@code pixels} and {@code bytes} of buffers, beside {@code alongside} (the same
     * request's body lease, or null): the two together hold at most the whole budget, so that a
     * request larger than the budget still runs, alone. {@link Lease#pixels()} is {@code pixels}.
     */
    public Lease acquire(long pixels, long bytes, long waitMillis, Lease alongside) {
        // An image larger than the whole budget still runs, alone: the size limits decide what is
        // too big.
        long asked = pixels + pixelsForBytes(bytes);
        int room = capacity - (alongside == null ? 0 : alongside.held());
        int wanted =
                (int)
                        Math.min(
                                room,
                                Math.max(1, (asked + PIXELS_PER_PERMIT - 1) / PIXELS_PER_PERMIT));
        if (wanted <= 0) {
            return new Lease(0, pixels); // the request's body already holds the whole budget
        }
        try {
            if (!permits.tryAcquire(wanted, waitMillis, TimeUnit.MILLISECONDS)) {
                throw new ImageRejected(
                        ImageRejected.Reason.BUSY,
                        "this instance is busy with other large images or bodies"
                                + " ("
                                + asked
                                + " pixels' worth of memory asked, "
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
        // closed from the pixel thread or the server's, whichever ends the request's use of it
        private final AtomicInteger held;
        private final long pixels;

        private Lease(int held, long pixels) {
            this.held = new AtomicInteger(held);
            this.pixels = pixels;
        }

        private int held() {
            return held.get();
        }

        /** The pixels asked for (the budget holds at most its capacity of them). */
        public long pixels() {
            return pixels;
        }

        @Override
        public void close() {
            int h = held.getAndSet(0);
            if (h > 0) {
                permits.release(h);
            }
        }
    }
}
