package dev.pixelforge.core.http;

import dev.pixelforge.core.image.Deadline;
import dev.pixelforge.core.image.ImageRejected;
import dev.pixelforge.core.image.PixelBudget;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Hands an admitted request (its pixels already taken from the budget) to the pixel threads'
 * bounded queue, refusing it at once (503, Retry-After), its pixels given back, when the queue is
 * full or when it cannot be served within its deadline: the work in front of it (what the requests
 * running and queued are expected to take, from their pixels and the time a pixel of their kind
 * took lately, timed on requests of at least 256x256) spread over the pixel threads, plus its own,
 * would end past its deadline. A request with nothing ahead of it is always admitted. Until a kind
 * has been timed its requests are expected to take no time, so a cold instance admits everything
 * the queue holds; a request that waits past its deadline anyway is refused when it leaves the
 * queue ({@link Deadline#check}).
 */
final class PixelQueue {

    /** What a request does: its time per pixel is learnt per kind. */
    enum Kind {
        TONE,
        GENERATE
    }

    /**
     * Fewest pixels a request must have to teach its kind the time a pixel takes: in smaller ones
     * the fixed cost of a request (codecs, buffers) would pass for time per pixel.
     */
    static final long MIN_TIMED_PIXELS = 1L << 16;

    /** Weight of the newest request in the time a pixel takes. */
    private static final double SMOOTHING = 0.2;

    private final ExecutorService pool;
    private final int threads;
    private final int capacity;
    private final LongSupplier clock;

    /** Nanoseconds a pixel took lately, per kind (0: never timed). */
    private final double[] nanosPerPixel = new double[Kind.values().length];

    /** Requests admitted and not yet done, in arrival order. */
    private final Set<Ticket> admitted = new LinkedHashSet<>();

    PixelQueue(ExecutorService pool, int threads, int capacity, LongSupplier clock) {
        this.pool = pool;
        this.threads = threads;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** One admitted request: its expected time, and when a pixel thread took it (or -1). */
    private static final class Ticket {
        final Kind kind;
        final long pixels;
        final long expectedNanos;
        long startedAt = -1;

        Ticket(Kind kind, long pixels, long expectedNanos) {
            this.kind = kind;
            this.pixels = pixels;
            this.expectedNanos = expectedNanos;
        }
    }

    /**
     * {@code work} on a pixel thread; its answer, or its exception as it was thrown (the exception
     * handlers map an {@link ImageRejected} to its status). Refused at once (and {@code lease}
     * closed) when it cannot be served within {@code deadline} or the queue is full.
     */
    <T> CompletableFuture<T> submit(
            Kind kind, long pixels, Deadline deadline, PixelBudget.Lease lease, Supplier<T> work) {
        Ticket ticket;
        try {
            ticket = admit(kind, pixels, deadline);
        } catch (ImageRejected refused) {
            lease.close();
            throw refused;
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            pool.execute(
                    () -> {
                        started(ticket);
                        T result = null;
                        Throwable failure = null;
                        try {
                            result = work.get();
                        } catch (RuntimeException | Error e) {
                            failure = e;
                        }
                        // Forgotten before it is answered: whoever the answer wakes finds the
                        // queue without it (and its kind's time per pixel learnt).
                        finished(ticket, failure == null);
                        if (failure == null) {
                            answer.complete(result);
                        } else {
                            answer.completeExceptionally(failure);
                        }
                    });
        } catch (RejectedExecutionException full) {
            finished(ticket, false);
            lease.close();
            throw new ImageRejected(
                    ImageRejected.Reason.BUSY,
                    "this instance already has "
                            + capacity
                            + " requests waiting for a pixel thread (limit maxQueuedRequests):"
                            + " retry in a moment");
        }
        return answer;
    }

    private synchronized Ticket admit(Kind kind, long pixels, Deadline deadline) {
        long now = clock.getAsLong();
        long ahead = 0;
        for (Ticket t : admitted) {
            long ran = t.startedAt < 0 ? 0 : now - t.startedAt;
            ahead += Math.max(0, t.expectedNanos - ran);
        }
        long expected = (long) (pixels * nanosPerPixel[kind.ordinal()]);
        long wait = ahead / threads;
        // Alone, a request is always admitted: its own deadline stops it between phases.
        if (ahead > 0 && wait + expected > deadline.remainingNanos()) {
            throw new ImageRejected(
                    ImageRejected.Reason.BUSY,
                    "this instance's pixel threads have about "
                            + wait / 1_000_000
                            + " ms of work ahead of this request, which would not be done within"
                            + " its "
                            + deadline.millis()
                            + " ms deadline (limit maxRequestMillis): retry in a moment");
        }
        Ticket ticket = new Ticket(kind, pixels, expected);
        admitted.add(ticket);
        return ticket;
    }

    private synchronized void started(Ticket ticket) {
        ticket.startedAt = clock.getAsLong();
    }

    /** Forgets the request; a completed one teaches its kind the time a pixel took. */
    private synchronized void finished(Ticket ticket, boolean completed) {
        admitted.remove(ticket);
        if (completed && ticket.startedAt >= 0 && ticket.pixels >= MIN_TIMED_PIXELS) {
            double sample = (double) (clock.getAsLong() - ticket.startedAt) / ticket.pixels;
            int k = ticket.kind.ordinal();
            nanosPerPixel[k] =
                    nanosPerPixel[k] == 0
                            ? sample
                            : (1 - SMOOTHING) * nanosPerPixel[k] + SMOOTHING * sample;
        }
    }
}
