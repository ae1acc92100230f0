package dev.pixelforge.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.contract.ContractImages;
import dev.pixelforge.core.image.Channels;
import dev.pixelforge.core.image.Deadline;
import dev.pixelforge.core.image.GenerateRequest;
import dev.pixelforge.core.image.ImageFunction;
import dev.pixelforge.core.image.ImageGenerator;
import dev.pixelforge.core.image.ImageLimits;
import dev.pixelforge.core.image.ImageRejected;
import dev.pixelforge.core.image.PixelBudget;
import dev.pixelforge.core.image.Pixels;
import dev.pixelforge.core.image.ToneRequest;
import dev.pixelforge.core.image.ToneResult;

import io.micronaut.http.HttpResponse;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One slow request holds the only pixel thread (a one-processor instance); twenty small ones
 * arrive. The queue admits as many as it holds; every other one is refused at once with 503 and
 * Retry-After, its pixels given back, instead of waiting behind the slow one.
 */
class PixelQueueTest {

    private static final int QUEUED = 4;

    /** Holds its pixel thread until the test lets it go (a latch, not a sleep). */
    private static final class HeldGenerator implements ImageGenerator {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Pixels generate(int size, long seed) {
            started.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the slow request go");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return Pixels.blank(size, size, Channels.BGR);
        }

        @Override
        public String name() {
            return "held";
        }
    }

    @Test
    void behindOneSlowRequest_smallOnesAreQueuedUpToTheBound_andTheRestRefusedAtOnce()
            throws Exception {
        HeldGenerator slow = new HeldGenerator();
        PixelBudget budget = new PixelBudget(1 << 24, 0);
        ImageFunction function = new ImageFunction(ImageLimits.DEFAULTS, slow, budget);
        ExecutorService pool = PixelWorkers.pool(1, QUEUED);
        PixelQueue queue = new PixelQueue(pool, 1, QUEUED, System::nanoTime);
        ImageRejectedHandler handler = new ImageRejectedHandler();
        Deadline deadline = Deadline.after(System.nanoTime(), 60_000);
        try {
            GenerateRequest held = new GenerateRequest(1, 64, 0);
            PixelBudget.Lease heldLease = function.admitGenerate(held);
            CompletableFuture<?> slowOne =
                    queue.submit(
                            PixelQueue.Kind.GENERATE,
                            heldLease.pixels(),
                            deadline,
                            heldLease,
                            () -> function.generate(held, heldLease, deadline));
            assertTrue(slow.started.await(30, TimeUnit.SECONDS), "the slow request never ran");

            byte[] png = ContractImages.png(64, 48, false);
            List<CompletableFuture<ToneResult>> queued = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                try {
                    PixelBudget.Lease lease = function.admitTone(png);
                    queued.add(
                            queue.submit(
                                    PixelQueue.Kind.TONE,
                                    lease.pixels(),
                                    deadline,
                                    lease,
                                    () -> function.tone(png, ToneRequest.gray(), lease, deadline)));
                } catch (ImageRejected e) {
                    long nanos = System.nanoTime() - t0;
                    refused++;
                    HttpResponse<ApiError> answer = handler.handle(null, e);
                    assertEquals(503, answer.getStatus().getCode());
                    assertEquals("1", answer.getHeaders().get("Retry-After"));
                    assertEquals("busy", answer.getBody().orElseThrow().error());
                    assertTrue(e.getMessage().contains("limit maxQueuedRequests"), e.getMessage());
                    assertTrue(nanos < 100_000_000L, "refused after " + nanos / 1e6 + " ms");
                }
            }
            assertEquals(QUEUED, queued.size());
            assertEquals(20 - QUEUED, refused);

            slow.release.countDown();
            slowOne.get(30, TimeUnit.SECONDS);
            for (CompletableFuture<ToneResult> answer : queued) {
                assertEquals(64, answer.get(30, TimeUnit.SECONDS).width());
            }
            // Every lease, the refused ones' too, was given back.
            budget.acquire(1 << 24, 0).close();
        } finally {
            slow.release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void behindWorkExpectedToOutlastTheirDeadline_smallOnesAreRefusedAtOnce() throws Exception {
        AtomicLong now = new AtomicLong();
        ExecutorService pool = PixelWorkers.pool(1, 64);
        PixelQueue queue = new PixelQueue(pool, 1, 64, now::get);
        PixelBudget budget = new PixelBudget(1 << 24, 0);
        CountDownLatch release = new CountDownLatch(1);
        try {
            // Teach the queue what a pixel costs: generated ones 1 ms, toned ones 1 us (requests
            // of 100000 pixels: smaller ones teach nothing).
            Deadline minute = Deadline.after(now::get, now.get(), 60_000);
            PixelBudget.Lease first = budget.acquire(100_000, 0);
            queue.submit(
                            PixelQueue.Kind.GENERATE,
                            100_000,
                            minute,
                            first,
                            () -> holding(first, () -> now.addAndGet(100_000_000_000L)))
                    .get(30, TimeUnit.SECONDS);
            PixelBudget.Lease second = budget.acquire(100_000, 0);
            queue.submit(
                            PixelQueue.Kind.TONE,
                            100_000,
                            minute,
                            second,
                            () -> holding(second, () -> now.addAndGet(100_000_000L)))
                    .get(30, TimeUnit.SECONDS);

            // A 50 s generate request takes the only pixel thread; 5 s later, 45 s of it remain.
            Deadline slowDeadline = Deadline.after(now::get, now.get(), 60_000);
            CountDownLatch started = new CountDownLatch(1);
            PixelBudget.Lease slowLease = budget.acquire(50_000, 0);
            CompletableFuture<Boolean> slow =
                    queue.submit(
                            PixelQueue.Kind.GENERATE,
                            50_000,
                            slowDeadline,
                            slowLease,
                            () ->
                                    holding(
                                            slowLease,
                                            () -> {
                                                started.countDown();
                                                return awaitRelease(release);
                                            }));
            assertTrue(started.await(30, TimeUnit.SECONDS), "the slow request never ran");
            now.addAndGet(5_000_000_000L);

            // With a 30 s deadline a small request could not be done in time: refused at once.
            for (int i = 0; i < 20; i++) {
                PixelBudget.Lease lease = budget.acquire(3072, 0);
                long t0 = System.nanoTime();
                ImageRejected e =
                        assertThrows(
                                ImageRejected.class,
                                () ->
                                        queue.submit(
                                                PixelQueue.Kind.TONE,
                                                3072,
                                                Deadline.after(now::get, now.get(), 30_000),
                                                lease,
                                                () -> 0L));
                long nanos = System.nanoTime() - t0;
                assertEquals(ImageRejected.Reason.BUSY, e.reason());
                assertTrue(e.getMessage().contains("about 45000 ms of work ahead"), e.getMessage());
                assertTrue(nanos < 100_000_000L, "refused after " + nanos / 1e6 + " ms");
            }
            // With a 60 s deadline it can: queued.
            PixelBudget.Lease smallLease = budget.acquire(3072, 0);
            CompletableFuture<Long> small =
                    queue.submit(
                            PixelQueue.Kind.TONE,
                            3072,
                            Deadline.after(now::get, now.get(), 60_000),
                            smallLease,
                            () -> holding(smallLease, () -> 7L));

            release.countDown();
            assertTrue(slow.get(30, TimeUnit.SECONDS));
            assertEquals(7L, small.get(30, TimeUnit.SECONDS));
            // Alone, even a request expected to outlast its deadline is admitted: its own
            // deadline stops it between phases.
            PixelBudget.Lease alone = budget.acquire(100_000, 0);
            assertEquals(
                    1L,
                    queue.submit(
                                    PixelQueue.Kind.GENERATE,
                                    100_000,
                                    Deadline.after(now::get, now.get(), 30_000),
                                    alone,
                                    () -> holding(alone, () -> 1L))
                            .get(30, TimeUnit.SECONDS));
            // The refused requests' pixels were given back.
            budget.acquire(1 << 24, 0).close();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /** {@code work}, then the lease given back, as the kernel gives it back after its work. */
    private static <T> T holding(PixelBudget.Lease lease, Supplier<T> work) {
        try (lease) {
            return work.get();
        }
    }

    private static boolean awaitRelease(CountDownLatch release) {
        try {
            return release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
