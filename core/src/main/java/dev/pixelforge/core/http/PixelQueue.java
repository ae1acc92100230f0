package dev.pixelforge.core.http;

import dev.pixelforge.core.image.ImageRejected;
import dev.pixelforge.core.image.PixelBudget;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Hands an admitted request (its pixels already taken from the budget) to the pixel threads'
 * bounded queue: when the queue is full the request is refused at once (503, Retry-After), its
 * pixels given back, instead of waiting behind every request ahead of it.
 */
final class PixelQueue {

    private PixelQueue() {}

    /**
     * {@code work} on a pixel thread; its answer, or its exception as it was thrown (the exception
     * handlers map an {@link ImageRejected} to its status).
     */
    static <T> CompletableFuture<T> submit(
            ExecutorService pool, int capacity, PixelBudget.Lease lease, Supplier<T> work) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            pool.execute(
                    () -> {
                        try {
                            answer.complete(work.get());
                        } catch (RuntimeException | Error e) {
                            answer.completeExceptionally(e);
                        }
                    });
        } catch (RejectedExecutionException full) {
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
}
