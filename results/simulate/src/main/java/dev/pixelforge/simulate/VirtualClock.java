package dev.pixelforge.simulate;

import dev.pixelforge.standins.scheduling.Clock;

import java.util.PriorityQueue;

/**
 * Simulated time: a queue of events in time order, run one after another on the caller's thread.
 * The scheduling rules see it as any other {@link Clock}; nothing waits in real time, so an hour of
 * traffic takes as long as its events take to compute.
 */
public final class VirtualClock implements Clock {

    private record Event(long dueNanos, long order, Runnable task) {}

    private final PriorityQueue<Event> events =
            new PriorityQueue<>(
                    (a, b) ->
                            a.dueNanos != b.dueNanos
                                    ? Long.compare(a.dueNanos, b.dueNanos)
                                    : Long.compare(a.order, b.order));
    private long now;
    private long order;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void schedule(long delayNanos, Runnable task) {
        events.add(new Event(now + Math.max(0, delayNanos), order++, task));
    }

    /** Runs {@code task} at {@code atNanos} (now, if that has passed). */
    public void at(long atNanos, Runnable task) {
        schedule(atNanos - now, task);
    }

    /**
     * Runs every event due up to {@code untilNanos}, in time order (ties in the order they were
     * scheduled), then sets the time to {@code untilNanos}.
     */
    public void runUntil(long untilNanos) {
        while (!events.isEmpty() && events.peek().dueNanos <= untilNanos) {
            Event next = events.poll();
            now = Math.max(now, next.dueNanos);
            next.task.run();
        }
        now = Math.max(now, untilNanos);
    }
}
