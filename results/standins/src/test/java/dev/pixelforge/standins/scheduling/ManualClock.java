package dev.pixelforge.standins.scheduling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock that moves only when told to: {@link #advance} runs, on the caller's thread and in time
 * order, every task that has come due. For the scheduling tests, which prove the rules in
 * milliseconds with no process and no sleep.
 */
public final class ManualClock implements Clock {

    private record Task(long dueNanos, long order, Runnable task) {}

    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private long order;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void schedule(long delayNanos, Runnable task) {
        tasks.add(new Task(now + Math.max(0, delayNanos), order++, task));
    }

    /** Moves time forward by {@code by}, running what comes due on the way. */
    public void advance(Duration by) {
        long until;
        synchronized (this) {
            until = now + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next =
                        tasks.stream()
                                .filter(t -> t.dueNanos() <= until)
                                .min(
                                        Comparator.comparingLong(Task::dueNanos)
                                                .thenComparingLong(Task::order))
                                .orElse(null);
                if (next == null) {
                    now = until;
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.dueNanos());
            }
            next.task().run(); // outside the lock: a task may schedule another
        }
    }
}
