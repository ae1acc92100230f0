package dev.pixelforge.standins.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.pixelforge.platform.Target;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Cloud Run's autoscaler: its arithmetic against hand-computed figures, then its decisions in the
 * registry.
 */
class AutoscalerTest {

    private static final Autoscaler GOOGLE = Autoscaler.cloudRun();

    @Test
    void desired_byCpu_isTheUtilizationOverTheTarget_roundedUp() {
        List<Autoscaler.Load> twoBusy =
                List.of(new Autoscaler.Load(0.9, 1, true), new Autoscaler.Load(0.9, 1, true));
        assertEquals(3, GOOGLE.desired(twoBusy, 80, 0), "1.8 / 0.6 = 3");
        assertEquals(
                1,
                GOOGLE.desired(List.of(new Autoscaler.Load(0.6, 1, true)), 80, 0),
                "exactly at the target: one is enough");
        assertEquals(2, GOOGLE.desired(List.of(new Autoscaler.Load(0.61, 1, true)), 80, 0));
    }

    @Test
    void desired_byRequests_isInFlightOver60PercentOfMaxConcurrency() {
        assertEquals(
                2,
                GOOGLE.desired(List.of(new Autoscaler.Load(0.1, 50, true)), 80, 0),
                "50 / 48 rounds up to 2");
        assertEquals(
                4,
                GOOGLE.desired(
                        List.of(
                                new Autoscaler.Load(0.1, 2, true),
                                new Autoscaler.Load(0.1, 0.3, true)),
                        1,
                        0),
                "Cloud Functions, concurrency 1: 2.3 / 0.6 rounds up to 4");
    }

    @Test
    void desired_isTheLargerOfTheTwo_neverBelowTheMinimum() {
        assertEquals(
                3,
                GOOGLE.desired(List.of(new Autoscaler.Load(1.5, 50, true)), 80, 0),
                "CPU 3 against requests 2");
        assertEquals(2, GOOGLE.desired(List.of(), 80, 2));
        assertEquals(0, GOOGLE.desired(List.of(), 80, 0));
    }

    @Test
    void desired_leavesOutTheCpuOfInstancesStillSettling() {
        assertEquals(
                1,
                GOOGLE.desired(List.of(new Autoscaler.Load(1.0, 1, false)), 80, 0),
                "start-up CPU is not load; its request is");
    }

    // The registry, on a manual clock: the autoscaler looks once a second (a sixtieth of its
    // one-minute window).

    private final ManualClock clock = new ManualClock();
    private final FakeProcess.Launcher launcher = new FakeProcess.Launcher();
    private InstanceRegistry<FakeProcess> registry;

    private InstanceRegistry<FakeProcess> cloudRun(int concurrency, int max, int min) {
        registry =
                new InstanceRegistry<>(
                        Target.CONTAINER,
                        new SchedulingRules(
                                concurrency,
                                max,
                                Duration.ofSeconds(60),
                                Duration.ofSeconds(300),
                                false,
                                GOOGLE,
                                1.0,
                                min,
                                null),
                        launcher,
                        new RecordedEvents(),
                        clock,
                        Runnable::run);
        return registry;
    }

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void busyInstance_getsASecondOne_onceItsCpuHasSettledAboveTheTarget() {
        cloudRun(80, 5, 0);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        launcher.instance(1).ready.complete(400.0);
        assertInstanceOf(Admission.Lease.class, a.join());
        for (int second = 1; second < 2; second++) {
            launcher.instance(1).cpuMillis += 1000; // a whole vCPU
            clock.advance(Duration.ofSeconds(1));
            assertEquals(1, launcher.launched.size(), "still settling at " + second + " s");
        }
        launcher.instance(1).cpuMillis += 1000;
        clock.advance(Duration.ofSeconds(1));
        assertEquals(
                2,
                launcher.launched.size(),
                "settled at 2 s: 100% CPU against a 60% target calls for two instances");
    }

    @Test
    void instanceBelowTheTargets_staysAlone() {
        cloudRun(80, 5, 0);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        launcher.instance(1).ready.complete(400.0);
        assertInstanceOf(Admission.Lease.class, a.join());
        for (int second = 1; second <= 30; second++) {
            launcher.instance(1).cpuMillis += 500;
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(
                1,
                launcher.launched.size(),
                "50% CPU and 1 request in flight are under both targets");
    }

    @Test
    void manyRequestsInFlight_scaleOut_withoutWaitingForCpu() {
        cloudRun(80, 5, 0);
        List<CompletableFuture<Admission<FakeProcess>>> held = new ArrayList<>();
        held.add(registry.acquire());
        launcher.instance(1).ready.complete(400.0);
        for (int i = 1; i < 50; i++) {
            held.add(registry.acquire());
        }
        assertEquals(50, registry.busySlots());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(2, launcher.launched.size(), "50 in flight against 48 (60% of 80)");
    }

    @Test
    void minInstances_startAtOnce_andAreNeverReaped() {
        cloudRun(80, 5, 2);
        assertEquals(2, launcher.launched.size());
        launcher.instance(1).ready.complete(400.0);
        launcher.instance(2).ready.complete(400.0);
        clock.advance(Duration.ofMinutes(30));
        assertEquals(2, registry.instances());
    }

    @Test
    void afterTheLoad_theExtraInstanceIsReapedWhenIdle_downToTheMinimum() {
        cloudRun(80, 5, 1);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        launcher.instance(1).ready.complete(400.0);
        Admission.Lease<FakeProcess> lease = assertInstanceOf(Admission.Lease.class, a.join());
        for (int second = 1; second <= 2; second++) {
            launcher.instance(1).cpuMillis += 1000;
            clock.advance(Duration.ofSeconds(1));
        }
        launcher.instance(2).ready.complete(400.0);
        registry.release(lease, true);
        assertEquals(2, registry.instances());
        clock.advance(Duration.ofSeconds(301));
        assertEquals(
                1,
                registry.instances(),
                "scale-in after the idle timeout, keeping the one minimum");
    }
}
