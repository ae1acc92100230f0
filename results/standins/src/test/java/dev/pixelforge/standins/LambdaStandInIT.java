package dev.pixelforge.standins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.LambdaReport;
import dev.pixelforge.platform.events.StandInEvents;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** API Gateway + Lambda's execution model, through the front door, with real environments. */
class LambdaStandInIT {

    private static final String THROTTLE_BODY = "{\"message\": \"Internal server error\"}";

    /**
     * Two environments rather than the study's ten: the same fact (the invocation past the reserved
     * concurrency is throttled, exactly one), without ten JVMs' cold starts on a two-core machine.
     */
    @Test
    void threeConcurrentInvocations_vsReservedConcurrencyTwo_giveOneThrottle_asApiGatewayAnswers()
            throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (LocalCloud cloud =
                StandIns.start(events, Map.of("aws-lambda.reserved-concurrency", "2"))) {
            List<HttpResponse<String>> responses =
                    concurrently(3, () -> StandIns.slow(cloud.url(Target.AWS_LAMBDA), 1));

            List<HttpResponse<String>> throttled =
                    responses.stream().filter(r -> r.statusCode() != 200).toList();
            assertEquals(
                    1,
                    throttled.size(),
                    () -> "statuses: " + responses.stream().map(HttpResponse::statusCode).toList());
            assertEquals(500, throttled.get(0).statusCode());
            assertEquals(THROTTLE_BODY, throttled.get(0).body());
            assertEquals(1, cloud.lambda().throttles());
            assertEquals(2, events.reports.size(), "one REPORT per invocation that ran");
            assertEquals(
                    1,
                    events.mostAtOnceOnOneInstance(Target.AWS_LAMBDA),
                    "an environment ran two invocations at once");
        }
    }

    @Test
    void throttle_isAnswered429_whenTheProfileSaysSo() throws Exception {
        try (LocalCloud cloud =
                StandIns.start(
                        StandInEvents.NONE,
                        Map.of(
                                "aws-lambda.reserved-concurrency",
                                "1",
                                "aws-lambda.throttle-status",
                                "429"))) {
            List<HttpResponse<String>> responses =
                    concurrently(2, () -> StandIns.slow(cloud.url(Target.AWS_LAMBDA), 1));
            assertEquals(
                    List.of(200, 429),
                    responses.stream().map(HttpResponse::statusCode).sorted().toList());
        }
    }

    @Test
    void burstOverTheLimit_neverPutsTwoInvocationsInOneEnvironment() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (LocalCloud cloud =
                StandIns.start(events, Map.of("aws-lambda.reserved-concurrency", "3"))) {
            for (int round = 0; round < 3; round++) {
                concurrently(6, () -> StandIns.get(cloud.url(Target.AWS_LAMBDA), "/health"));
            }
            // How many of each round's six find a free environment is the machine's timing to
            // say (an environment still finishing the last round refuses): every one of the 18 is
            // served or refused, and the first round's three cold environments each serve.
            assertEquals(
                    18,
                    events.served.size() + events.throttled.size(),
                    "served " + events.served.size() + ", refused " + events.throttled.size());
            assertTrue(events.served.size() >= 3, "served: " + events.served.size());
            assertEquals(1, events.mostAtOnceOnOneInstance(Target.AWS_LAMBDA));
            assertTrue(
                    events.starting.get(Target.AWS_LAMBDA).size() <= 3,
                    "more environments than the reserved concurrency");
        }
    }

    @Test
    void reusedEnvironment_reportsNoInitDuration_andAnswersWarm() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (LocalCloud cloud = StandIns.start(events, Map.of())) {
            URI url = cloud.url(Target.AWS_LAMBDA);
            HttpResponse<String> first = StandIns.get(url, "/health");
            HttpResponse<String> second = StandIns.get(url, "/health");

            assertEquals("true", first.headers().firstValue("X-PixelForge-Cold").orElseThrow());
            assertEquals("false", second.headers().firstValue("X-PixelForge-Cold").orElseThrow());
            assertEquals(
                    first.headers().firstValue("X-PixelForge-Instance"),
                    second.headers().firstValue("X-PixelForge-Instance"));
            LambdaReport cold = events.reports.get(0);
            LambdaReport warm = events.reports.get(1);
            assertTrue(cold.initDurationMillis().isPresent());
            assertTrue(
                    cold.line()
                            .matches(
                                    "REPORT RequestId: [0-9a-f-]{36}\tDuration: \\d+\\.\\d\\d ms"
                                        + "\tBilled Duration: \\d+ ms\tMemory Size: 1024 MB\tMax"
                                        + " Memory Used: \\d+ MB\tInit Duration: \\d+\\.\\d\\d ms"
                                        + "\t"),
                    cold.line());
            assertFalse(warm.initDurationMillis().isPresent(), warm.line());
            assertFalse(warm.line().contains("Init Duration"), warm.line());
            assertEquals(cold.environment(), warm.environment());
            assertTrue(warm.maxMemoryUsedMb() > 0, warm.line());
        }
    }

    @Test
    void afterReaping_theNextRequestIsAColdStart() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (LocalCloud cloud =
                StandIns.start(events, Map.of("aws-lambda.idle-timeout", "300ms"))) {
            URI url = cloud.url(Target.AWS_LAMBDA);
            HttpResponse<String> before = StandIns.get(url, "/health");
            StandIns.await(
                    "the idle environment is reaped",
                    Duration.ofSeconds(20),
                    () -> cloud.lambda().environments() == 0);

            HttpResponse<String> after = StandIns.get(url, "/health");

            assertEquals("true", after.headers().firstValue("X-PixelForge-Cold").orElseThrow());
            assertNotEquals(
                    before.headers().firstValue("X-PixelForge-Instance"),
                    after.headers().firstValue("X-PixelForge-Instance"));
            assertTrue(
                    events.reports.get(1).initDurationMillis().isPresent(),
                    events.reports.get(1).line());
            assertEquals(1, events.stopped.size());
            InstanceRecord reaped = events.stopped.get(0);
            assertTrue(
                    reaped.readyMillis() > 0 && reaped.peakRssKb() > 0 && reaped.cpuMillis() > 0,
                    reaped.toString());
        }
    }

    @Test
    void invocationOverTheTimeout_gets504_andItsEnvironmentIsDiscarded() throws Exception {
        try (LocalCloud cloud =
                StandIns.start(StandInEvents.NONE, Map.of("aws-lambda.timeout", "1s"))) {
            URI url = cloud.url(Target.AWS_LAMBDA);
            HttpResponse<String> slow =
                    StandIns.slowest(url); // 38 Mpx of noise under C1: seconds of work

            assertEquals(504, slow.statusCode(), slow::body);
            assertEquals("{\"message\": \"Endpoint request timed out\"}", slow.body());
            StandIns.await(
                    "the timed-out environment is gone",
                    Duration.ofSeconds(20),
                    () -> cloud.lambda().environments() == 0);
        }
    }

    @Test
    void environmentDyingMidInvocation_is502() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (LocalCloud cloud = StandIns.start(events, Map.of())) {
            URI url = cloud.url(Target.AWS_LAMBDA);
            StandIns.get(url, "/health"); // an environment now exists and is idle
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<HttpResponse<String>> slow = pool.submit(() -> StandIns.slowest(url));
            StandIns.await(
                    "the slow invocation is running",
                    Duration.ofSeconds(20),
                    () -> events.reports.size() == 1 && environmentPid(cloud) > 0);
            ProcessHandle.of(environmentPid(cloud)).orElseThrow().destroyForcibly();

            HttpResponse<String> response = slow.get();
            assertEquals(502, response.statusCode());
            assertEquals(THROTTLE_BODY, response.body());
            pool.shutdown();
        }
    }

    @Test
    void payloadsOverTheLimits_areRefusedByTheGateway_withAwsAnswers() throws Exception {
        try (LocalCloud cloud = StandIns.start(StandInEvents.NONE, Map.of())) {
            URI url = cloud.url(Target.AWS_LAMBDA);
            HttpResponse<String> overLambda =
                    StandIns.post(url, "/tone", "image/png", new byte[7 * 1024 * 1024]);
            HttpResponse<String> overGateway =
                    StandIns.post(url, "/tone", "image/png", new byte[10 * 1024 * 1024 + 1]);

            assertEquals(413, overLambda.statusCode());
            assertEquals("{\"message\": \"Request Too Long\"}", overLambda.body());
            assertEquals(413, overGateway.statusCode());
            assertEquals("HTTP content length exceeded 10485760 bytes.", overGateway.body());
            assertEquals(
                    0, cloud.lambda().environments(), "nothing over the limits reaches a function");
        }
    }

    private static long environmentPid(LocalCloud cloud) {
        return cloud.lambda().busyEnvironmentPid();
    }

    static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    return call.call();
                                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
