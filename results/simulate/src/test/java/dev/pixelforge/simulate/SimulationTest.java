package dev.pixelforge.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.platform.profile.TargetProfile;
import dev.pixelforge.platform.sample.Sample;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The simulator's figures where they can be worked out by hand: constant times, so every request's
 * time is known to the microsecond.
 */
class SimulationTest {

    private static final long MS = 1_000;
    private static final long S_NANOS = 1_000_000_000L;

    static TargetProfile profile(Target target, String... settings) {
        Properties p = new Properties();
        for (int i = 0; i < settings.length; i += 2) {
            p.setProperty(settings[i], settings[i + 1]);
        }
        return PlatformProfile.from(p).of(target);
    }

    static TargetCalibration constant(
            Target target, long readyMicros, long firstMicros, long warmMicros, long frontMicros) {
        return new TargetCalibration(
                target,
                1,
                Distribution.constant(readyMicros),
                Distribution.constant(firstMicros),
                Distribution.constant(frontMicros),
                Distribution.constant(frontMicros),
                Map.of(
                        TargetCalibration.ANY_IMAGE,
                        new ImageCalibration(
                                TargetCalibration.ANY_IMAGE,
                                1000,
                                2000,
                                Distribution.constant(warmMicros),
                                Distribution.constant(frontMicros))));
    }

    /** Ready at once, a first request of 100 ms, the one image {@code a}. */
    private static TargetCalibration oneImage(
            Target target, ImageCalibration a, long frontMicros, long refusalMicros) {
        return new TargetCalibration(
                target,
                1,
                Distribution.constant(0),
                Distribution.constant(100 * MS),
                Distribution.constant(frontMicros),
                Distribution.constant(refusalMicros),
                Map.of(a.image(), a));
    }

    static List<Sample> run(TargetProfile p, TargetCalibration c, Workload w, long seed) {
        List<Sample> out = new ArrayList<>();
        Simulation.run(p, c, w, Network.LOOPBACK, seed, 0, out::add);
        return out;
    }

    static Workload.ClosedLoop closed(int threads, long durationSeconds) {
        return new Workload.ClosedLoop(
                "tone-json", List.of("a"), threads, 0, durationSeconds * S_NANOS);
    }

    @Test
    void oneLambdaThread_waitsForInit_thenLoopsWarm_countedToTheRequest() {
        // Init 1 s, first invocation 200 ms, then 100 ms each: answers at 1.2 s, then every 0.1 s;
        // the last request leaves at 9.9 s (one due at 10.0 s is past the end): 1 + 88.
        List<Sample> samples = new ArrayList<>();
        Simulation.Outcome outcome =
                Simulation.run(
                        profile(Target.AWS_LAMBDA),
                        constant(Target.AWS_LAMBDA, 1000 * MS, 200 * MS, 100 * MS, 0),
                        closed(1, 10),
                        Network.LOOPBACK,
                        1,
                        0,
                        samples::add);

        assertEquals(89, samples.size());
        assertEquals(1200 * MS, samples.get(0).roundTripMicros());
        assertEquals(Boolean.TRUE, samples.get(0).cold());
        assertEquals(200 * MS, samples.get(0).appMicros());
        assertTrue(samples.stream().skip(1).allMatch(s -> s.roundTripMicros() == 100 * MS));
        assertTrue(samples.stream().skip(1).allMatch(s -> Boolean.FALSE.equals(s.cold())));
        assertEquals(1, outcome.instances().size());
        assertEquals(89, outcome.instances().get(0).requests());
        assertEquals(1000.0, outcome.instances().get(0).readyMillis());
    }

    @Test
    void aThinkTime_pausesEachThreadBeforeEachRequest() {
        // Init 1 s, then 100 ms per request, a 400 ms pause before each: the first leaves at
        // 0.4 s and is answered at 1.5 s (1 s init + 0.1 s); then one every 0.5 s, leaving at
        // 1.9, 2.4, ... 9.9 s: 1 + 17.
        List<Sample> samples = new ArrayList<>();
        Simulation.run(
                profile(Target.AWS_LAMBDA),
                constant(Target.AWS_LAMBDA, 1000 * MS, 100 * MS, 100 * MS, 0),
                new Workload.ClosedLoop(
                        "tone-json", List.of("a"), 1, 0, 10 * S_NANOS, 400_000_000L),
                Network.LOOPBACK,
                1,
                0,
                samples::add);

        assertEquals(18, samples.size());
        assertEquals(400, samples.get(0).startEpochMillis());
        assertEquals(1900, samples.get(1).startEpochMillis());
        assertEquals(9900, samples.get(17).startEpochMillis());
    }

    @Test
    void lambdaAtItsReservedConcurrency_throttlesAtOnce_andNeverStartsAnotherEnvironment() {
        List<Sample> samples = new ArrayList<>();
        Simulation.Outcome outcome =
                Simulation.run(
                        profile(Target.AWS_LAMBDA, "aws-lambda.reserved-concurrency", "2"),
                        constant(Target.AWS_LAMBDA, 0, 100 * MS, 100 * MS, 1 * MS),
                        closed(3, 1),
                        Network.LOOPBACK,
                        1,
                        0,
                        samples::add);

        assertEquals(2, outcome.instances().size());
        List<Sample> refused = samples.stream().filter(Sample::throttled).toList();
        assertTrue(refused.size() > 50, "a thread with no environment retries every 1 ms");
        assertEquals(outcome.throttles(), refused.size());
        // API Gateway's answer to a Lambda throttle, after the front's own 1 ms.
        assertTrue(refused.stream().allMatch(s -> s.status() == 500));
        assertTrue(refused.stream().allMatch(s -> s.roundTripMicros() == 1 * MS));
        assertTrue(refused.stream().allMatch(s -> s.instance().isEmpty() && s.cold() == null));
        assertEquals(
                samples.size() - refused.size(),
                outcome.instances().stream().mapToLong(r -> r.requests()).sum());
    }

    @Test
    void refusalsThatTakeNoTime_inAClosedLoop_areRefusedBeforeTheyLoopForEver() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                run(
                                        profile(
                                                Target.AWS_LAMBDA,
                                                "aws-lambda.reserved-concurrency",
                                                "2"),
                                        constant(Target.AWS_LAMBDA, 0, 100 * MS, 100 * MS, 0),
                                        closed(3, 1),
                                        1));
        assertTrue(e.getMessage().contains("give the network a round trip"), e.getMessage());
    }

    @Test
    void cloudRunAtMaxInstances_queuesRequests_andRefusesOneAtItsQueueTimeout() {
        // One instance, one request at a time, 1 s each; three threads at once. The first is
        // served at once (1.0 s), the second waits for it (2.0 s), the third gives up at the
        // queue timeout, 1.5 s, with Cloud Run's 429.
        List<Sample> samples =
                run(
                        profile(
                                Target.CONTAINER,
                                "container.concurrency",
                                "1",
                                "container.cpus",
                                "1",
                                "container.max-instances",
                                "1",
                                "container.queue-timeout",
                                "1500ms"),
                        constant(Target.CONTAINER, 0, 1000 * MS, 1000 * MS, 0),
                        closed(3, 2),
                        1);

        assertEquals(1000 * MS, samples.get(0).roundTripMicros());
        assertEquals(200, samples.get(0).status());
        assertEquals(429, samples.get(1).status());
        assertEquals(1500 * MS, samples.get(1).roundTripMicros());
        assertEquals(0, samples.get(1).startEpochMillis());
        assertEquals(200, samples.get(2).status());
        assertEquals(2000 * MS, samples.get(2).roundTripMicros());
        assertEquals(1000 * MS, samples.get(2).appMicros());
    }

    @Test
    void concurrentRequestsOnOneVcpu_takeTurnsOnItsOnePixelThread() {
        // Cloud Run's 80 requests per instance share one vCPU: the function's pool has one pixel
        // thread, so the second of two simultaneous requests waits for the first.
        List<Sample> samples =
                run(
                        profile(Target.CONTAINER, "container.cpus", "1"),
                        constant(Target.CONTAINER, 0, 100 * MS, 100 * MS, 0),
                        closed(2, 1),
                        1);

        assertEquals(100 * MS, samples.get(0).appMicros());
        assertEquals(200 * MS, samples.get(1).appMicros());
        assertEquals(1, samples.stream().map(Sample::instance).distinct().count(), "one instance");
    }

    @Test
    void concurrentRequestsOnOneVcpu_queueOnlyForTheirPixelPhases_andShareTheVcpu() {
        // 100 ms of process time, 60 of them pixel phases: the event loop's 40 ms (20 before, 20
        // after) run beside the pixel thread, on the same one vCPU. The first request (cold: all of
        // it on the pixel thread) and the second's binding share it 0-40 ms at half speed each;
        // the second then waits for the pixel thread, which the first frees at 120 ms. Its 60 ms
        // there share the vCPU 120-160 with the first thread's next binding (20 ms of work each),
        // then run alone until 200; its own 20 ms of answer share it with that request's pixel
        // work, 200-240. Alone on the vCPU it would have taken 100 ms.
        ImageCalibration a =
                new ImageCalibration(
                        "a",
                        1000,
                        2000,
                        Distribution.constant(100 * MS),
                        Distribution.constant(0),
                        Distribution.constant(60 * MS),
                        Distribution.constant(0),
                        Optional.empty());
        List<Sample> samples =
                run(
                        profile(Target.CONTAINER, "container.cpus", "1"),
                        oneImage(Target.CONTAINER, a, 0, 0),
                        closed(2, 1),
                        1);

        assertEquals(120 * MS, samples.get(0).appMicros());
        assertEquals(Boolean.TRUE, samples.get(0).cold());
        assertEquals(240 * MS, samples.get(1).appMicros());
    }

    @Test
    void aFrontReadsTheRequestBeforeItAsksForAnInstance_soARefusalTakesTheReadAlone() {
        // Lambda at one environment, two threads; the image's refusals took 5 ms (the read), its
        // successes 8 ms of front time in all. A refused request is answered 5 ms after it left; a
        // served one after 5 ms + 100 ms + the 3 ms left of the front's time.
        ImageCalibration a =
                new ImageCalibration(
                                "a",
                                1000,
                                2000,
                                Distribution.constant(100 * MS),
                                Distribution.constant(8 * MS))
                        .withAdmit(Distribution.constant(5 * MS));
        TargetCalibration c = oneImage(Target.AWS_LAMBDA, a, 8 * MS, 1 * MS);

        List<Sample> samples =
                run(
                        profile(Target.AWS_LAMBDA, "aws-lambda.reserved-concurrency", "1"),
                        c,
                        closed(2, 1),
                        1);

        List<Sample> refused = samples.stream().filter(Sample::throttled).toList();
        List<Sample> served = samples.stream().filter(Sample::success).toList();
        assertTrue(refused.size() > 100, "a refused thread sends again every 5 ms");
        assertTrue(refused.stream().allMatch(s -> s.roundTripMicros() == 5 * MS));
        assertTrue(served.stream().allMatch(s -> s.roundTripMicros() == 108 * MS));
    }

    @Test
    void theSameSeed_givesTheSameSamples_andAnotherSeedOthers() {
        TargetCalibration spread =
                new TargetCalibration(
                        Target.GCP_FUNCTION,
                        0.583,
                        Distribution.of(800 * MS, 900 * MS, 1200 * MS),
                        Distribution.of(300 * MS, 400 * MS),
                        Distribution.of(1 * MS, 2 * MS),
                        Distribution.of(1 * MS),
                        Map.of(
                                "a",
                                new ImageCalibration(
                                        "a",
                                        10,
                                        20,
                                        Distribution.of(50 * MS, 60 * MS, 90 * MS),
                                        Distribution.of(1 * MS, 2 * MS))));
        TargetProfile p = profile(Target.GCP_FUNCTION);

        List<Sample> first = run(p, spread, closed(4, 20), 7);
        List<Sample> again = run(p, spread, closed(4, 20), 7);
        List<Sample> other = run(p, spread, closed(4, 20), 8);

        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void anOpenLoopRequestDueWhileEveryThreadIsBusy_leavesLate_byExactlyItsWait() {
        // Two threads, 100 ms requests due every 10 ms: the third is due at 20 ms and leaves at
        // 100 ms, when the first thread is free: 80 ms late.
        long[] due = {0, 10 * MS * 1000, 20 * MS * 1000};
        List<Sample> samples =
                run(
                        profile(Target.CONTAINER, "container.cpus", "2"),
                        constant(Target.CONTAINER, 0, 100 * MS, 100 * MS, 0),
                        Workload.OpenLoop.of("tone-json", List.of("a"), due, 2, S_NANOS),
                        1);

        assertEquals(3, samples.size());
        assertEquals(0, samples.get(0).sendLagMicros());
        assertEquals(0, samples.get(1).sendLagMicros());
        assertEquals(80 * MS, samples.get(2).sendLagMicros());
        assertEquals(100 * MS, samples.get(2).startEpochMillis() * 1000);
    }
}
