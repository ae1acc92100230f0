package dev.pixelforge.standins.scheduling;

/**
 * The scheduler's time: a monotonic clock and a way to run something later. The stand-ins use the
 * system's; the scheduling tests use {@link ManualClock}, so every rule is tested without waiting.
 */
public interface Clock {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Runs {@code task} once, {@code delayNanos} from now, on a thread of the clock's choosing. */
    void schedule(long delayNanos, Runnable task);

    /** Real time: tasks run on one named daemon thread. */
    static Clock system(String name) {
        return new SystemClock(name);
    }
}
