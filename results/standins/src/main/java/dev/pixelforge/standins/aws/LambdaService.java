package dev.pixelforge.standins.aws;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.LambdaReport;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.profile.TargetProfile;
import dev.pixelforge.standins.scheduling.Admission;
import dev.pixelforge.standins.scheduling.InstanceRegistry;
import dev.pixelforge.standins.scheduling.InstanceStartFailed;
import dev.pixelforge.standins.scheduling.SchedulingRules;

import java.util.List;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lambda's execution model for one function, on the shared {@link InstanceRegistry} with Lambda's
 * rules: at most {@code reserved concurrency} invocations in flight, anything beyond refused at
 * once (a throttle, never queued); an idle environment reused (warm), a new one started when none
 * is idle (cold, and that invocation runs in it); idle environments reaped after a while.
 */
public final class LambdaService implements AutoCloseable {

    /** How an invocation ended, seen from the caller (API Gateway). */
    public sealed interface Result permits Throttled, TimedOut, Completed {}

    public record Throttled() implements Result {}

    public record TimedOut(String requestId) implements Result {}

    public record Completed(Invocation.Outcome outcome, LambdaReport report) implements Result {}

    private final TargetProfile profile;
    private final StandInEvents events;
    private final InstanceRegistry<ExecutionEnvironment> environments;

    public LambdaService(TargetProfile profile, LambdaLaunch launch, StandInEvents events) {
        this.profile = profile;
        this.events = events;
        this.environments =
                new InstanceRegistry<>(
                        Target.AWS_LAMBDA,
                        SchedulingRules.of(profile),
                        id -> ExecutionEnvironment.start(id, launch, profile),
                        events);
    }

    public TargetProfile profile() {
        return profile;
    }

    public long throttles() {
        return environments.throttles();
    }

    /** Environments alive now: busy, idle or starting. */
    public int environments() {
        return environments.instances();
    }

    /** Every live environment as it is now: ready time, peak RSS and CPU so far. */
    public List<InstanceRecord> liveInstances() {
        return environments.liveInstances();
    }

    /**
     * The process id of an environment running an invocation now, or 0: for fault-injection tests.
     */
    public long busyEnvironmentPid() {
        return environments.busyPid();
    }

    /** Invokes the function synchronously, as API Gateway's proxy integration does. */
    public Result invoke(byte[] event) throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + profile.timeout().toNanos();
        CompletableFuture<Admission<ExecutionEnvironment>> asked = environments.acquire();
        Admission<ExecutionEnvironment> admission;
        try {
            admission = asked.get(profile.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException initTooLong) {
            environments.giveUp(
                    asked, true); // Lambda does not keep an environment whose invocation timed out
            return new TimedOut(requestId);
        } catch (ExecutionException e) {
            // init failed (init/error, or the JVM exited): Lambda reports it as a function error
            Throwable why =
                    e.getCause() instanceof InstanceStartFailed f ? f.getCause() : e.getCause();
            int environment = e.getCause() instanceof InstanceStartFailed f ? f.instanceId() : 0;
            LambdaReport report =
                    new LambdaReport(
                            requestId,
                            0,
                            profile.memoryMb(),
                            0,
                            OptionalDouble.empty(),
                            environment);
            events.lambdaReport(report);
            return new Completed(
                    new Invocation.FunctionError(
                            "Runtime.InitError", String.valueOf(why.getMessage()), 0),
                    report);
        }
        if (!(admission instanceof Admission.Lease<ExecutionEnvironment> lease)) {
            return new Throttled();
        }
        boolean keep = false;
        try {
            Result result = run(lease, requestId, deadline, event);
            keep = !(result instanceof TimedOut) && lease.process().isAlive();
            return result;
        } finally {
            // Lambda discards an environment whose invocation timed out or whose runtime died.
            environments.release(lease, keep);
        }
    }

    private Result run(
            Admission.Lease<ExecutionEnvironment> lease,
            String requestId,
            long deadline,
            byte[] event)
            throws InterruptedException {
        ExecutionEnvironment env = lease.process();
        OptionalDouble init =
                lease.cold() ? OptionalDouble.of(lease.readyMillis()) : OptionalDouble.empty();
        CompletableFuture<Invocation.Outcome> outcome = new CompletableFuture<>();
        env.invoke(
                new Invocation(
                        requestId,
                        event,
                        System.currentTimeMillis() + remainingMillis(deadline),
                        outcome));
        try {
            Invocation.Outcome done = outcome.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            LambdaReport report =
                    new LambdaReport(
                            requestId,
                            done.durationNanos() / 1e6,
                            profile.memoryMb(),
                            env.stats().peakRssMb(),
                            init,
                            env.id());
            events.lambdaReport(report);
            return new Completed(done, report);
        } catch (TimeoutException e) {
            return new TimedOut(requestId);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "an invocation's outcome is never completed exceptionally", e);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /** Stops every instance now; the next request starts a new one. */
    public void stopInstances() {
        environments.stopAll();
    }

    @Override
    public void close() {
        environments.close();
    }
}
