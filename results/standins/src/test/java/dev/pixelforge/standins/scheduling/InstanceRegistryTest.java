package dev.pixelforge.standins.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.Target;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The scheduling rules of the three stand-ins, on a manual clock with fake instances: no process,
 * no sleep, every figure exact. Google's rules (Cloud Run, Cloud Functions) first, then Lambda's.
 */
@SuppressWarnings(
        "unchecked") // assertInstanceOf cannot name a generic type: the casts to Lease<FakeProcess>
// are checked by it
class InstanceRegistryTest {

    private final ManualClock clock = new ManualClock();
    private final FakeProcess.Launcher launcher = new FakeProcess.Launcher();
    private final RecordedEvents events = new RecordedEvents();
    private InstanceRegistry<FakeProcess> registry;

    private InstanceRegistry<FakeProcess> google(int concurrency, int maxInstances) {
        registry =
                new InstanceRegistry<>(
                        Target.CONTAINER,
                        new SchedulingRules(
                                concurrency,
                                maxInstances,
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(10),
                                false),
                        launcher,
                        events,
                        clock,
                        Runnable::run);
        return registry;
    }

    private InstanceRegistry<FakeProcess> lambda(int reservedConcurrency) {
        registry =
                new InstanceRegistry<>(
                        Target.AWS_LAMBDA,
                        new SchedulingRules(
                                1,
                                reservedConcurrency,
                                Duration.ZERO,
                                Duration.ofSeconds(10),
                                true),
                        launcher,
                        events,
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

    private static Admission.Lease<FakeProcess> lease(
            CompletableFuture<Admission<FakeProcess>> answer) {
        assertTrue(answer.isDone(), "the request was answered");
        return assertInstanceOf(Admission.Lease.class, answer.join());
    }

    private void ready(int id, double millis) {
        launcher.instance(id).ready.complete(millis);
    }

    @Test
    void firstRequest_startsAnInstance_andIsItsColdOne() {
        google(2, 3);
        CompletableFuture<Admission<FakeProcess>> first = registry.acquire();
        assertFalse(first.isDone(), "no instance is ready yet");
        assertEquals(1, launcher.launched.size());

        ready(1, 480);
        Admission.Lease<FakeProcess> cold = lease(first);
        assertTrue(cold.cold());
        assertEquals(480, cold.readyMillis());
        Admission.Lease<FakeProcess> warm = lease(registry.acquire());
        assertFalse(warm.cold(), "the second request on an instance is warm");
        assertSame(cold.instance(), warm.instance(), "concurrency 2: both on the one instance");
        assertEquals(1, launcher.launched.size());
        assertEquals(List.of("starting 1", "ready 1 in 480 ms"), events.lines);
    }

    @Test
    void newInstance_startsOnlyForDemandTheStartingOnesCannotAbsorb() {
        google(3, 5);
        for (int i = 0; i < 3; i++) {
            registry.acquire();
        }
        assertEquals(
                1,
                launcher.launched.size(),
                "three waiting requests fit the one starting instance of concurrency 3");
        registry.acquire();
        assertEquals(2, launcher.launched.size(), "the fourth does not");
        assertEquals(2, registry.instances());
        assertEquals(4, registry.waiting());
    }

    @Test
    void instances_neverExceedTheMaximum() {
        google(1, 2);
        for (int i = 0; i < 5; i++) {
            registry.acquire();
        }
        assertEquals(2, launcher.launched.size());
        assertEquals(2, registry.mostInstances());
    }

    @Test
    void freeSlot_goesToTheOldestWaitingRequest() {
        google(1, 1);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        CompletableFuture<Admission<FakeProcess>> b = registry.acquire();
        CompletableFuture<Admission<FakeProcess>> c = registry.acquire();
        ready(1, 100);
        Admission.Lease<FakeProcess> first = lease(a);
        assertTrue(
                first.cold(),
                "the cold start goes to the request that waited longest, which paid for it");
        assertFalse(b.isDone());
        assertFalse(c.isDone());

        registry.release(first, true);
        lease(b);
        assertFalse(c.isDone(), "c came after b: first come, first served");
    }

    @Test
    void request_goesToTheLeastLoadedInstance_theMostRecentlyUsedAmongEquals() {
        google(2, 2);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        CompletableFuture<Admission<FakeProcess>> b = registry.acquire();
        CompletableFuture<Admission<FakeProcess>> c =
                registry.acquire(); // the third starts instance 2
        ready(1, 100);
        ready(2, 100);
        assertEquals(1, lease(a).instance().id());
        assertEquals(1, lease(b).instance().id());
        Admission.Lease<FakeProcess> onTwo = lease(c);
        assertEquals(2, onTwo.instance().id());

        Admission.Lease<FakeProcess> d = lease(registry.acquire());
        assertEquals(2, d.instance().id(), "instance 2 has one request in flight, instance 1 two");

        registry.release(lease(a), true);
        registry.release(lease(b), true);
        clock.advance(Duration.ofMillis(5));
        registry.release(onTwo, true);
        registry.release(d, true);
        assertEquals(
                2,
                lease(registry.acquire()).instance().id(),
                "both idle: the one used last takes it");
    }

    @Test
    void waitingRequest_isRefusedAtTheQueueTimeout_notBefore() {
        google(1, 1);
        registry.acquire();
        ready(1, 100);
        CompletableFuture<Admission<FakeProcess>> late = registry.acquire();

        clock.advance(Duration.ofMillis(999));
        assertFalse(late.isDone());
        clock.advance(Duration.ofMillis(1));
        Admission.Refused<FakeProcess> refused =
                assertInstanceOf(Admission.Refused.class, late.join());
        assertEquals("no instance free within 1000 ms at 1 of 1 instances", refused.why());
        assertEquals(1, registry.throttles());
        assertEquals(
                "throttled: no instance free within 1000 ms at 1 of 1 instances",
                events.lines.get(events.lines.size() - 1));
    }

    @Test
    void waitingRequest_takesTheFirstFreeSlotOfAnyInstance_notTheOneItsArrivalStarted() {
        google(1, 2);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        ready(1, 100);
        Admission.Lease<FakeProcess> onOne = lease(a);
        CompletableFuture<Admission<FakeProcess>> b = registry.acquire(); // starts instance 2
        assertEquals(2, launcher.launched.size());

        registry.release(onOne, true);
        Admission.Lease<FakeProcess> warm = lease(b);
        assertEquals(1, warm.instance().id());
        assertFalse(warm.cold());
    }

    @Test
    void idleInstance_isStoppedAfterTheIdleTimeout_andABusyOneNever() {
        google(1, 2);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        CompletableFuture<Admission<FakeProcess>> b = registry.acquire();
        ready(1, 100);
        ready(2, 100);
        registry.release(lease(a), true);
        Admission.Lease<FakeProcess> busy = lease(b);

        clock.advance(Duration.ofMillis(9_999));
        assertEquals(2, registry.instances());
        clock.advance(
                Duration.ofSeconds(
                        1)); // the reaper looks every 1 s (a quarter of the idle timeout, at most 1
        // s)
        assertEquals(1, registry.instances());
        assertEquals(1, launcher.instance(1).stops);
        assertEquals(0, launcher.instance(2).stops, "instance 2 is serving a request");
        assertTrue(events.lines.contains("stopped 1 after 1 requests"));

        clock.advance(Duration.ofMinutes(5));
        assertEquals(1, registry.instances(), "busy for five minutes, never idle");
        registry.release(busy, true);
    }

    @Test
    void requestThatGaveUp_neverHoldsASlot() {
        google(1, 1);
        CompletableFuture<Admission<FakeProcess>> gaveUp = registry.acquire();
        registry.giveUp(gaveUp, false);
        ready(1, 100);
        assertEquals(0, registry.busySlots());
        assertEquals(0, registry.waiting());
        assertTrue(lease(registry.acquire()).cold(), "the next request is the instance's first");
    }

    @Test
    void requestThatGaveUpAfterItsGrant_givesTheSlotBack() {
        google(1, 1);
        CompletableFuture<Admission<FakeProcess>> late = registry.acquire();
        ready(1, 100);
        registry.giveUp(late, false);
        assertEquals(0, registry.busySlots());
        assertEquals(1, registry.instances(), "kept: only a discarding give-up stops the instance");
    }

    @Test
    void lambda_invocationGivingUpDuringInit_discardsTheEnvironmentItStarted() {
        lambda(2);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        registry.giveUp(a, true);
        assertEquals(0, registry.instances());
        assertEquals(1, launcher.instance(1).stops);
        assertTrue(a.isCancelled());
    }

    @Test
    void instanceWhoseProcessExits_isRemoved_andItsRequestsGoElsewhere() {
        google(1, 2);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        ready(1, 100);
        Admission.Lease<FakeProcess> onOne = lease(a);
        launcher.instance(1).exited.complete(null);
        assertEquals(0, registry.instances());
        assertEquals(
                List.of("starting 1", "ready 1 in 100 ms", "stopped 1 after 0 requests"),
                events.lines);

        registry.release(
                onOne, false); // the request's own end comes after: nothing is stopped twice
        assertEquals(1, launcher.instance(1).stops);
        registry.acquire();
        assertEquals(2, launcher.launched.size());
    }

    @Test
    void lambda_startsAtMostAThousandEnvironmentsPerTenSeconds_refilledContinuously() {
        registry =
                new InstanceRegistry<>(
                        Target.AWS_LAMBDA,
                        new SchedulingRules(
                                1,
                                3_000,
                                Duration.ZERO,
                                Duration.ofMinutes(10),
                                true,
                                null,
                                1,
                                0,
                                SchedulingRules.LAMBDA_SCALING_RATE),
                        launcher,
                        events,
                        clock,
                        Runnable::run);
        List<CompletableFuture<Admission<FakeProcess>>> burst = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            burst.add(registry.acquire());
        }
        assertEquals(1_000, launcher.launched.size(), "the bucket starts full: 1,000");
        assertEquals(200, registry.throttles());
        Admission.Refused<FakeProcess> refused =
                assertInstanceOf(Admission.Refused.class, burst.get(1_100).join());
        assertEquals("scaling rate: 1000 new environments per 10 s used", refused.why());

        clock.advance(Duration.ofMillis(1_500)); // 150 more: 100 a second
        for (int i = 0; i < 200; i++) {
            registry.acquire();
        }
        assertEquals(1_150, launcher.launched.size());
        assertEquals(250, registry.throttles());

        clock.advance(Duration.ofMinutes(1)); // refilled, and never past 1,000
        for (int i = 0; i < 1_500; i++) {
            registry.acquire();
        }
        assertEquals(2_150, launcher.launched.size());
    }

    @Test
    void lambda_refusesAtOnce_whenReservedConcurrencyIsReached() {
        lambda(2);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        CompletableFuture<Admission<FakeProcess>> b = registry.acquire();
        CompletableFuture<Admission<FakeProcess>> c = registry.acquire();
        assertEquals(2, launcher.launched.size());
        Admission.Refused<FakeProcess> refused =
                assertInstanceOf(Admission.Refused.class, c.join());
        assertEquals("reserved concurrency 2 reached", refused.why());
        assertEquals(1, registry.throttles());

        ready(2, 900);
        ready(1, 950);
        assertEquals(1, lease(a).instance().id());
        assertEquals(2, lease(b).instance().id());
        assertTrue(lease(a).cold());
        assertEquals(950, lease(a).readyMillis());
    }

    @Test
    void lambda_coldInvocation_runsInTheEnvironmentItStarted_evenWhenAnotherFreesUp() {
        lambda(2);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        ready(1, 900);
        Admission.Lease<FakeProcess> onOne = lease(a);
        CompletableFuture<Admission<FakeProcess>> b = registry.acquire(); // starts environment 2
        registry.release(onOne, true);
        assertFalse(b.isDone(), "b waits for the environment it started");

        Admission.Lease<FakeProcess> warm = lease(registry.acquire());
        assertEquals(1, warm.instance().id(), "a later invocation takes the idle environment");
        assertFalse(warm.cold());
        ready(2, 870);
        assertEquals(2, lease(b).instance().id());
        assertTrue(lease(b).cold());
    }

    @Test
    void lambda_initFailure_failsTheInvocationThatStartedIt() {
        lambda(1);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        launcher.instance(1)
                .ready
                .completeExceptionally(new IllegalStateException("Lambda init failed: boom"));
        ExecutionException failed = assertThrows(ExecutionException.class, a::get);
        InstanceStartFailed cause = assertInstanceOf(InstanceStartFailed.class, failed.getCause());
        assertEquals(1, cause.instanceId());
        assertEquals("Lambda init failed: boom", cause.getCause().getMessage());
        assertEquals(0, registry.instances());
        assertEquals(1, launcher.instance(1).stops);
    }

    @Test
    void lambda_environmentDiscarded_isNeverReused() {
        lambda(1);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        ready(1, 900);
        registry.release(lease(a), false); // as after a timeout
        assertEquals(0, registry.instances());
        CompletableFuture<Admission<FakeProcess>> next = registry.acquire();
        assertEquals(2, launcher.launched.size(), "a fresh environment, so a cold start");
        ready(2, 880);
        assertTrue(lease(next).cold());
    }

    @Test
    void close_failsWaitingRequests_andStopsEveryInstance() {
        google(1, 1);
        registry.acquire();
        ready(1, 100);
        CompletableFuture<Admission<FakeProcess>> waiting = registry.acquire();
        registry.close();
        ExecutionException stopped = assertThrows(ExecutionException.class, waiting::get);
        assertEquals("container stand-in is stopped", stopped.getCause().getMessage());
        assertEquals(1, launcher.instance(1).stops);
        assertTrue(
                registry.acquire().isCompletedExceptionally(),
                "a stopped registry takes no request");
    }

    @Test
    void stopAll_stopsEveryInstance_andTheNextRequestStartsAFreshOne() {
        google(1, 2);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        CompletableFuture<Admission<FakeProcess>> b = registry.acquire();
        ready(1, 100);
        ready(2, 100);
        registry.release(lease(a), true);
        registry.release(lease(b), true);
        registry.stopAll();
        assertEquals(0, registry.instances());
        assertEquals(1, launcher.instance(1).stops);
        assertEquals(1, launcher.instance(2).stops);
        registry.acquire();
        assertEquals(3, launcher.launched.size());
    }

    @Test
    void instance_isToldBusyOnItsFirstRequestInFlight_andIdleWhenItsLastEnds() {
        google(2, 1);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        ready(1, 100);
        Admission.Lease<FakeProcess> first = lease(a);
        Admission.Lease<FakeProcess> second = lease(registry.acquire());
        registry.release(first, true);
        assertEquals(
                List.of("idle", "busy"),
                launcher.instance(1).between,
                "ready with nothing in flight, then one, then two");
        registry.release(second, true);
        assertEquals(List.of("idle", "busy", "idle"), launcher.instance(1).between);
    }

    @Test
    void lambda_environmentIsFrozenBetweenInvocations_neverDuringOne() {
        lambda(1);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        ready(1, 900);
        registry.release(lease(a), true);
        registry.release(lease(registry.acquire()), true);
        assertEquals(List.of("idle", "busy", "idle", "busy", "idle"), launcher.instance(1).between);
    }

    @Test
    void discardedInstance_isNotToldIdle() {
        lambda(1);
        CompletableFuture<Admission<FakeProcess>> a = registry.acquire();
        ready(1, 900);
        registry.release(lease(a), false);
        assertEquals(List.of("idle", "busy"), launcher.instance(1).between);
    }
}
