package dev.pixelforge.core.image;

import java.util.function.LongSupplier;

/**
 * When a request must be done by: {@link ImageLimits#maxRequestMillis} after it arrived. Checked
 * between phases (on leaving the queue, after decoding, between frames, after the tone, between
 * generated images), so that a request past its time stops taking the pixel thread from the ones
 * behind it, and its client hears 503 with Retry-After instead of waiting on.
 */
public final class Deadline {

    /** No deadline: for callers outside a server (benchmarks, tests). */
    public static final Deadline NONE = new Deadline(System::nanoTime, Long.MAX_VALUE, 0);

    private final LongSupplier clock;
    private final long endNanos;
    private final long millis;

    private Deadline(LongSupplier clock, long endNanos, long millis) {
        this.clock = clock;
        this.endNanos = endNanos;
        this.millis = millis;
    }

    /**
     * {@code millis} after {@code startNanos} ({@link System#nanoTime}), when the request came in.
     */
    public static Deadline after(long startNanos, long millis) {
        return after(System::nanoTime, startNanos, millis);
    }

    /** The same, on another clock (tests advance one by hand instead of sleeping). */
    public static Deadline after(LongSupplier clock, long startNanos, long millis) {
        return new Deadline(clock, startNanos + millis * 1_000_000L, millis);
    }

    /** The deadline, in milliseconds from the request's arrival. */
    public long millis() {
        return millis;
    }

    /** Nanoseconds left; negative once past. */
    public long remainingNanos() {
        return this == NONE ? Long.MAX_VALUE : endNanos - clock.getAsLong();
    }

    /** Refuses the request (503, Retry-After) if it is past its deadline at {@code phase}. */
    public void check(String phase) {
        if (this != NONE && clock.getAsLong() - endNanos > 0) {
            throw new ImageRejected(
                    ImageRejected.Reason.DEADLINE_EXCEEDED,
                    "this request ran past its "
                            + millis
                            + " ms deadline (limit maxRequestMillis) "
                            + phase
                            + ": the instance is busy; retry in a moment, or send a smaller image");
        }
    }
}
