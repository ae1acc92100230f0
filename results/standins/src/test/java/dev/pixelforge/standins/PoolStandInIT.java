package dev.pixelforge.standins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.standins.google.InstancePool;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Cloud Functions gen2 and Cloud Run: instances on demand, at most N, a queue, then 429. */
class PoolStandInIT {

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"GCP_FUNCTION", "CONTAINER"})
    void requestWaitingLongerThanTheQueueTimeout_gets429(Target target) throws Exception {
        RecordingEvents events = new RecordingEvents();
        String t = target.id();
        try (LocalCloud cloud =
                StandIns.start(
                        events,
                        Map.of(
                                t + ".max-instances",
                                "1",
                                t + ".concurrency",
                                "1",
                                t + ".queue-timeout",
                                "100ms"))) {
            URI url = cloud.url(target);
            // The queue timeout is shorter than a cold start, so warm the one instance up first.
            AtomicInteger refusedWhileCold = new AtomicInteger();
            StandIns.await(
                    "the instance starts within the queue timeout's retries",
                    Duration.ofSeconds(60),
                    () -> {
                        int status = uncheckedGet(url).statusCode();
                        if (status == 429) {
                            refusedWhileCold.incrementAndGet();
                        }
                        return status == 200;
                    });
            // The front answers before it gives the slot back: wait for that, so the slot seen busy
            // below is the slow request's.
            StandIns.await(
                    "the warm-up request has let go of its slot",
                    Duration.ofSeconds(10),
                    () -> pool(cloud, target).busySlots() == 0);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            // Seconds of work against a 100 ms queue: the second request cannot be served in time.
            Future<HttpResponse<String>> first = pool.submit(() -> StandIns.slowest(url));
            StandIns.await(
                    "the slow request holds the only slot",
                    Duration.ofSeconds(10),
                    () -> pool(cloud, target).busySlots() == 1);

            HttpResponse<String> second = StandIns.get(url, "/health");

            assertEquals(429, second.statusCode(), second::body);
            assertEquals(
                    "The request was aborted because there was no available instance.",
                    second.body());
            assertEquals(200, first.get().statusCode());
            assertEquals(
                    refusedWhileCold.get() + 1,
                    pool(cloud, target).throttles(),
                    "the warm-up's refusals and the second request");
            assertEquals(1, pool(cloud, target).mostInstances());
            pool.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"GCP_FUNCTION", "CONTAINER"})
    void burst_neverExceedsMaxInstances_norConcurrencyPerInstance(Target target) throws Exception {
        RecordingEvents events = new RecordingEvents();
        String t = target.id();
        try (LocalCloud cloud =
                StandIns.start(
                        events,
                        Map.of(
                                t + ".max-instances",
                                "2",
                                t + ".concurrency",
                                "2",
                                t + ".queue-timeout",
                                "60s"))) {
            List<HttpResponse<String>> responses =
                    LambdaStandInIT.concurrently(8, () -> StandIns.slow(cloud.url(target), 1));

            assertTrue(
                    responses.stream().allMatch(r -> r.statusCode() == 200),
                    () -> responses.stream().map(HttpResponse::statusCode).toList().toString());
            Set<String> instances =
                    responses.stream()
                            .map(r -> r.headers().firstValue("X-PixelForge-Instance").orElseThrow())
                            .collect(Collectors.toSet());
            // Eight waiting requests start both instances at once; never a third.
            assertEquals(2, pool(cloud, target).mostInstances(), "instances at most at once");
            // On a fast machine the first instance may drain the queue before the second is ready:
            // 1 or 2 answer.
            assertTrue(instances.size() <= 2, "distinct instances that answered: " + instances);
            assertTrue(
                    events.mostAtOnceOnOneInstance(target) <= 2,
                    "an instance held more than its concurrency");
            assertEquals(
                    instances.size(),
                    responses.stream()
                            .filter(
                                    r ->
                                            r.headers()
                                                    .firstValue("X-PixelForge-Cold")
                                                    .orElseThrow()
                                                    .equals("true"))
                            .count(),
                    "one cold start per instance that answered");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"GCP_FUNCTION", "CONTAINER"})
    void bodyOverThePlatformLimit_isRefusedByTheFront_beforeAnyInstance(Target target)
            throws Exception {
        try (LocalCloud cloud = StandIns.start(StandInEvents.NONE, Map.of())) {
            HttpResponse<String> response =
                    StandIns.post(
                            cloud.url(target),
                            "/tone",
                            "image/png",
                            new byte[32 * 1024 * 1024 + 1]);
            assertEquals(413, response.statusCode());
            assertTrue(response.body().contains("413 Request Entity Too Large"), response.body());
            assertEquals(0, pool(cloud, target).instances());
        }
    }

    private static HttpResponse<String> uncheckedGet(URI url) {
        try {
            return StandIns.get(url, "/health");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static InstancePool pool(LocalCloud cloud, Target target) {
        return target == Target.CONTAINER ? cloud.run() : cloud.functions();
    }
}
