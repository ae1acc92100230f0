package dev.pixelforge.core.http;

import io.micronaut.context.annotation.Factory;

import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where pixel work runs: one thread per CPU, taking requests first come, first served. On Netty's
 * event loop a large image would stall every connection sharing that loop, and a thread per request
 * would make every image wait for all the others: both stretch the latency tail. Serverless targets
 * get the same pool; with one request at a time it costs one hand-off.
 */
@Factory
final class PixelWorkers {

    static final String NAME = "pixel-work";

    @Singleton
    @Named(NAME)
    ExecutorService pixelWork() {
        AtomicInteger n = new AtomicInteger();
        int threads = Runtime.getRuntime().availableProcessors();
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
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
