package dev.pixelforge.standins.scheduling;

import dev.pixelforge.standins.process.DaemonThreads;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@link Clock} on {@link System#nanoTime()} and one scheduler thread per registry. */
final class SystemClock implements Clock, AutoCloseable {

    private final ScheduledExecutorService timer;

    SystemClock(String name) {
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name));
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void schedule(long delayNanos, Runnable task) {
        try {
            timer.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // the registry is closing: nothing it scheduled matters any more
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
