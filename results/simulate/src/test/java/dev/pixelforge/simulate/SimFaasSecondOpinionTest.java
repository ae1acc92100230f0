package dev.pixelforge.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.TargetProfile;
import dev.pixelforge.platform.sample.Sample;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * SimFaaS (Mahmoudi and Khazaei, github.com/pacslab/simfaas) as a second opinion on the rules the
 * simulator shares with the Lambda stand-in. Its README's example: Poisson arrivals at 0.9 a
 * second, warm service times exponential with mean 1.991 s, a cold request's exponential with mean
 * 2.244 s (start-up included), an instance expiring 600 s after its last request, at most 1,000 at
 * once, 10^6 s; it printed a cold-start probability of 0.0014 (1,213 of 898,469), 7.6612 instances
 * on average, 1.7879 running and 5.8733 idle.
 *
 * <p>The same case here: Lambda's rules (one request per environment, reaped 600 s after its last,
 * reserved concurrency 1,000 of an account of 1,100), service times drawn from 10,000 evenly spaced
 * quantiles of the same exponentials, a front and network taking no time. Where the two differ:
 * SimFaaS sends a request to the newest idle instance, the registry to the most recently used one
 * (both keep the oldest idle, so they age out); SimFaaS has no scaling rate (Lambda's 1,000 per 10
 * s never binds at 0.9 a second). The figures are counts in simulated time with a fixed seed: a
 * busy machine cannot move them.
 */
class SimFaasSecondOpinionTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long RUN_SECONDS = 1_000_000;

    /** SimFaaS's README, its example's printout. */
    private static final double SIMFAAS_COLD_PROBABILITY = 0.0014;

    private static final double SIMFAAS_SERVERS = 7.6612;
    private static final double SIMFAAS_RUNNING = 1.7879;

    @Test
    void theReadmesCase_givesSimFaasFigures() {
        TargetProfile lambda =
                SimulationTest.profile(
                        Target.AWS_LAMBDA,
                        "aws-lambda.reserved-concurrency",
                        "1000",
                        "aws-lambda.account-concurrency",
                        "1100",
                        "aws-lambda.idle-timeout",
                        "600s");
        TargetCalibration exponential =
                new TargetCalibration(
                        Target.AWS_LAMBDA,
                        lambda.cpus(),
                        Distribution.constant(0),
                        exponential(2_244_000),
                        Distribution.constant(0),
                        Distribution.constant(0),
                        Map.of(
                                TargetCalibration.ANY_IMAGE,
                                new ImageCalibration(
                                        TargetCalibration.ANY_IMAGE,
                                        1000,
                                        1000,
                                        exponential(1_991_000),
                                        Distribution.constant(0))));
        Figures f = new Figures();
        Simulation.run(
                lambda,
                exponential,
                new Workload.OpenLoop(
                        "tone-json",
                        List.of("a"),
                        () ->
                                ArrivalSchedule.poisson(
                                        List.of(new ArrivalSchedule.Step(0.9, RUN_SECONDS)),
                                        new SplittableRandom(7)),
                        1000,
                        RUN_SECONDS * SECOND),
                Network.LOOPBACK,
                1,
                0,
                f::add);
        String table = f.table();
        System.out.print(table);

        assertEquals(0, f.refused, table);
        assertTrue(Math.abs(f.running() / SIMFAAS_RUNNING - 1) < 0.01, table);
        assertTrue(Math.abs(f.servers() / SIMFAAS_SERVERS - 1) < 0.05, table);
        assertTrue(Math.abs(f.coldProbability() / SIMFAAS_COLD_PROBABILITY - 1) < 0.15, table);
    }

    /** Exponential with {@code meanMicros}: 10,000 evenly spaced quantiles. */
    private static Distribution exponential(long meanMicros) {
        long[] q = new long[10_000];
        for (int i = 0; i < q.length; i++) {
            q[i] = Math.round(-meanMicros * Math.log(1 - (i + 0.5) / q.length));
        }
        return Distribution.of(q);
    }

    /**
     * SimFaaS's figures from the samples: an instance lives from its cold request's start until 600
     * s after its last answer (or the run's end); it runs while it serves.
     */
    private static final class Figures {
        final Map<String, long[]> lives = new HashMap<>(); // {first start, last end} in us
        long requests;
        long cold;
        long refused;
        long busyMicros;

        void add(Sample s) {
            requests++;
            if (!s.success()) {
                refused++;
                return;
            }
            if (Boolean.TRUE.equals(s.cold())) {
                cold++;
            }
            busyMicros += s.appMicros();
            long start = s.startEpochMillis() * 1000;
            long[] life = lives.computeIfAbsent(s.instance(), x -> new long[] {start, start});
            life[1] = Math.max(life[1], start + s.roundTripMicros());
        }

        double coldProbability() {
            return (double) cold / requests;
        }

        double servers() {
            long end = RUN_SECONDS * 1_000_000;
            double alive = 0;
            for (long[] life : lives.values()) {
                alive += Math.min(end, life[1] + 600_000_000L) - life[0];
            }
            return alive / end;
        }

        double running() {
            return busyMicros / (RUN_SECONDS * 1e6);
        }

        String table() {
            return String.format(
                    Locale.ROOT,
                    "SimFaaS's README case: SimFaaS vs simulated%n"
                            + "  cold-start probability  %.4f  %.4f (%d of %d)%n"
                            + "  instances on average    %.4f  %.4f (%d instances)%n"
                            + "  running on average      %.4f  %.4f%n",
                    SIMFAAS_COLD_PROBABILITY,
                    coldProbability(),
                    cold,
                    requests,
                    SIMFAAS_SERVERS,
                    servers(),
                    lives.size(),
                    SIMFAAS_RUNNING,
                    running());
        }
    }
}
