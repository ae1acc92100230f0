package dev.pixelforge.core.http;

import dev.pixelforge.core.image.ImageLimits;

import io.micronaut.context.annotation.Factory;

import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where pixel work runs: one thread per CPU, taking requests first come, first served. On Netty's
 * event loop a large image would stall every connection sharing that loop, and a thread per request
 * would make every image wait for all the others: both stretch the latency tail. Serverless targets
 * get the same pool; with one request at a time it costs one hand-off. The queue holds at most
 * {@link ImageLimits#maxQueuedRequests}: beyond it {@code execute} refuses ({@link PixelQueue}
 * answers 503 at once), so that no request waits behind an unbounded line.
 */
@Factory
final class PixelWorkers {

    static final String NAME = "pixel-work";

    @Singleton
    @Named(NAME)
    ExecutorService pixelWork(ImageLimits limits) {
        return pool(Runtime.getRuntime().availableProcessors(), limits.maxQueuedRequests());
    }

    /** Admission to the pool: by queue length and by the time the work ahead will take. */
    @Singleton
    PixelQueue pixelQueue(@Named(NAME) ExecutorService pool, ImageLimits limits) {
        return new PixelQueue(
                pool,
                Runtime.getRuntime().availableProcessors(),
                limits.maxQueuedRequests(),
                System::nanoTime);
    }

    /** {@code threads} pixel threads behind a queue of at most {@code queued} requests. */
    static ExecutorService pool(int threads, int queued) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queued),
                r -> {
                    Thread t = new Thread(r, NAME + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }) {
            @Override
            public void execute(Runnable task) {
                PixelQueueEvent queued = new PixelQueueEvent();
                if (!queued.isEnabled()) {
                    super.execute(task);
                    return;
                }
                queued.queued = getQueue().size();
                queued.begin();
                super.execute(
                        () -> {
                            queued.commit();
                            task.run();
                        });
            }
        };
    }
}
