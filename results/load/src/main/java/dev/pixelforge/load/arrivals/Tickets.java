package dev.pixelforge.load.arrivals;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands a schedule's arrivals out, in order, to the threads that send them: each thread takes the
 * next ticket, waits until it is due, and sends. A ticket taken after it was due is a late arrival
 * (no thread was free in time), and it goes at once: it is never dropped or moved, so a slow target
 * shows its queue in the round trip from the intended send time. The clock starts with the first
 * ticket taken, so that starting the threads is no arrival's lateness. Thread-safe, lock-free;
 * callers pass the time ({@link System#nanoTime()}), so tests need no clock and no sleep.
 */
public final class Tickets {

    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final ArrivalRate rate;
    private final long count;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong startNanos = new AtomicLong(NOT_STARTED);

    public Tickets(ArrivalRate rate) {
        this.rate = rate;
        this.count = rate.arrivals();
    }

    /**
     * One arrival: the {@code index}-th of the schedule, due at {@code dueNanos} (the caller's
     * clock), taken {@code lateNanos} after that (0 when taken before it was due).
     */
    public record Ticket(long index, long dueNanos, long lateNanos) {

        public boolean late() {
            return lateNanos > 0;
        }
    }

    /** The next arrival, taken at {@code nowNanos}; null once the schedule has none left. */
    public Ticket take(long nowNanos) {
        long n = next.getAndIncrement();
        if (n >= count) {
            next.set(count); // no overflow however long threads keep asking
            return null;
        }
        startNanos.compareAndSet(NOT_STARTED, nowNanos);
        long due = startNanos.get() + rate.dueNanos(n);
        return new Ticket(n, due, Math.max(0, nowNanos - due));
    }

    public long arrivals() {
        return count;
    }
}
