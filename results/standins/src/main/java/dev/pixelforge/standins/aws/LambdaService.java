package dev.pixelforge.standins.aws;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.TargetProfile;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.events.LambdaReport;
import dev.pixelforge.standins.process.ProcStats;
import dev.pixelforge.standins.process.DaemonThreads;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lambda's execution model for one function: at most {@code reserved concurrency} invocations in
 * flight, anything beyond refused at once (a throttle, never queued); an idle environment reused
 * (warm), a new one started when none is idle (cold); idle environments reaped after a while.
 */
public final class LambdaService implements AutoCloseable {

    /** How an invocation ended, seen from the caller (API Gateway). */
    public sealed interface Result permits Throttled, TimedOut, Completed {
    }

    public record Throttled() implements Result {
    }

    public record TimedOut(String requestId) implements Result {
    }

    public record Completed(Invocation.Outcome outcome, LambdaReport report) implements Result {
    }

    private final TargetProfile profile;
    private final LambdaLaunch launch;
    private final StandInEvents events;
    private final Object lock = new Object();
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>(); // most recently used first
    private final Map<ExecutionEnvironment, Long> idleSinceNanos = new HashMap<>();
    private final List<ExecutionEnvironment> live = new ArrayList<>();
    private final ScheduledExecutorService reaper;
    private final AtomicLong throttles = new AtomicLong();
    private int inFlight;
    private int lastId;
    private boolean closed;

    public LambdaService(TargetProfile profile, LambdaLaunch launch, StandInEvents events) {
        this.profile = profile;
        this.launch = launch;
        this.events = events;
        this.reaper = DaemonThreads.reaper("lambda-reaper", profile, this::reapIdle);
    }

    public TargetProfile profile() {
        return profile;
    }

    public long throttles() {
        return throttles.get();
    }

    /** Environments alive now: busy, idle or starting. */
    public int environments() {
        synchronized (lock) {
            return live.size();
        }
    }

    /** Every live environment as it is now: ready time, peak RSS and CPU so far. */
    public List<InstanceRecord> liveInstances() {
        List<ExecutionEnvironment> now;
        synchronized (lock) {
            now = List.copyOf(live);
        }
        return now.stream().map(this::record).toList();
    }

    private InstanceRecord record(ExecutionEnvironment env) {
        ProcStats stats = env.stats();
        double ready = env.ready().isDone() && !env.ready().isCompletedExceptionally() ? env.ready().join() : -1;
        return new InstanceRecord(Target.AWS_LAMBDA, env.id(), env.pid(), ready, stats.peakRssKb(), stats.cpuMillis(), env.served());
    }

    /** The process id of an environment running an invocation now, or 0: for fault-injection tests. */
    public long busyEnvironmentPid() {
        synchronized (lock) {
            return live.stream().filter(e -> !idle.contains(e) && e.ready().isDone()).mapToLong(ExecutionEnvironment::pid).findFirst().orElse(0);
        }
    }

    /** Invokes the function synchronously, as API Gateway's proxy integration does. */
    public Result invoke(byte[] event) throws IOException, InterruptedException {
        ExecutionEnvironment env;
        int newId = 0;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the Lambda stand-in is stopped");
            }
            if (inFlight >= profile.maxInstances()) {
                throttles.incrementAndGet();
                events.throttled(Target.AWS_LAMBDA, "reserved concurrency " + profile.maxInstances() + " reached");
                return new Throttled();
            }
            inFlight++;
            env = idle.pollFirst();
            if (env != null) {
                idleSinceNanos.remove(env);
            } else {
                newId = ++lastId;
            }
        }
        boolean keep = false;
        try {
            if (env == null) {
                events.instanceStarting(Target.AWS_LAMBDA, newId);
                env = ExecutionEnvironment.start(newId, launch, profile);
                synchronized (lock) {
                    live.add(env);
                    if (closed) {
                        throw new IllegalStateException("the Lambda stand-in stopped while an environment started");
                    }
                }
            }
            Result result = run(env, newId != 0, event);
            keep = !(result instanceof TimedOut) && env.isAlive();
            return result;
        } finally {
            release(env, keep);
        }
    }

    private Result run(ExecutionEnvironment env, boolean cold, byte[] event) throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + profile.timeout().toNanos();
        OptionalDouble init = OptionalDouble.empty();
        try {
            if (cold) {
                double initMillis = env.ready().get(profile.timeout().toMillis(), TimeUnit.MILLISECONDS);
                init = OptionalDouble.of(initMillis);
                events.instanceReady(Target.AWS_LAMBDA, env.id(), initMillis);
            }
            CompletableFuture<Invocation.Outcome> outcome = new CompletableFuture<>();
            Invocation invocation = new Invocation(requestId, event, System.currentTimeMillis() + remainingMillis(deadline), outcome);
            long start = System.nanoTime();
            env.invoke(invocation);
            Invocation.Outcome done = outcome.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            events.requestServed(Target.AWS_LAMBDA, env.id(), start, System.nanoTime());
            LambdaReport report = new LambdaReport(requestId, done.durationNanos() / 1e6, profile.memoryMb(),
                    env.stats().peakRssMb(), init, env.id());
            events.lambdaReport(report);
            return new Completed(done, report);
        } catch (TimeoutException e) {
            return new TimedOut(requestId);
        } catch (ExecutionException e) {
            // init failed (init/error or the JVM exited): Lambda reports it as a function error
            LambdaReport report = new LambdaReport(requestId, 0, profile.memoryMb(), 0, init, env.id());
            events.lambdaReport(report);
            return new Completed(new Invocation.FunctionError("Runtime.InitError", String.valueOf(e.getCause().getMessage()), 0), report);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /** Back to the idle pool, or gone: Lambda discards an environment whose invocation timed out. */
    private void release(ExecutionEnvironment env, boolean keep) {
        boolean stop = false;
        synchronized (lock) {
            inFlight--;
            if (env == null) {
                return;
            }
            if (keep && !closed) {
                idle.addFirst(env);
                idleSinceNanos.put(env, System.nanoTime());
            } else {
                live.remove(env);
                stop = true;
            }
        }
        if (stop) {
            stop(env);
        }
    }

    private void reapIdle() {
        List<ExecutionEnvironment> expired = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (lock) {
            for (ExecutionEnvironment env : List.copyOf(idle)) {
                if (now - idleSinceNanos.get(env) >= profile.idleTimeout().toNanos() || !env.isAlive()) {
                    idle.remove(env);
                    idleSinceNanos.remove(env);
                    live.remove(env);
                    expired.add(env);
                }
            }
        }
        expired.forEach(this::stop);
    }

    private void stop(ExecutionEnvironment env) {
        InstanceRecord last = record(env);
        env.close();
        events.instanceStopped(last);
    }

    @Override
    public void close() {
        List<ExecutionEnvironment> all;
        synchronized (lock) {
            closed = true;
            all = List.copyOf(live);
            live.clear();
            idle.clear();
        }
        reaper.shutdownNow();
        all.forEach(this::stop);
    }
}
