package dev.pixelforge.standins.scheduling;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.standins.process.DaemonThreads;
import dev.pixelforge.standins.process.ProcStats;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One platform's instances and the requests waiting for them, under one lock: which instance takes
 * a request, when a new one starts, when a request is refused, when an idle instance is stopped,
 * which request is an instance's cold one. Lambda, Cloud Functions and Cloud Run differ only in
 * their {@link SchedulingRules}.
 *
 * <p>Requests wait in one first-come, first-served queue. A free slot goes to the oldest waiting
 * request: on the instance it is bound to (Lambda's cold invocation), or else on the ready instance
 * with the fewest requests in flight, the most recently used among equals (so idle ones age out). A
 * new instance starts only for waiting demand that the instances already starting cannot absorb.
 *
 * <p>Every state change happens under the lock; what it causes outside (answering a request,
 * starting or stopping a process, telling the events) runs after the lock is released.
 */
public final class InstanceRegistry<P extends InstanceProcess> implements AutoCloseable {

    /** One instance, from registration (before its process exists) until it is removed. */
    public static final class Instance<P extends InstanceProcess> {
        private final int id;
        private volatile P process; // set once, before the instance can be leased
        private boolean ready;
        private double readyMillis = -1;
        private int active;
        private long leases;
        private long served;
        private long lastUsedNanos;
        private boolean registered; // in instances: from start until remove
        private long readyAtNanos;
        // the integral of requests in flight over time, for the autoscaler
        private long activeNanos;
        private long activeSinceNanos;
        private final Deque<long[]> load =
                new ArrayDeque<>(); // {nanos, cpuMillis, activeNanos}, over the window

        private void inFlightChanges(long now) {
            activeNanos += active * (now - activeSinceNanos);
            activeSinceNanos = now;
        }

        private Instance(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }

        /** The instance's process; never null on a leased instance. */
        public P process() {
            return process;
        }
    }

    private static final class Waiter<P extends InstanceProcess> {
        final CompletableFuture<Admission<P>> answer = new CompletableFuture<>();
        final long deadlineNanos;
        Instance<P> boundTo;
        // set by giveUp: the slot it is granted after that goes back with its instance discarded
        volatile boolean discard;

        Waiter(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }
    }

    private final Target target;
    private final SchedulingRules rules;
    private final InstanceLauncher<P> launcher;
    private final StandInEvents events;
    private final Clock clock;
    private final Executor starter;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Instance<P>> instances = new ArrayList<>();
    // The ready instances with a free slot, the one a request should take first at the head: the
    // fewest requests in flight, then the most recently used (so idle ones age out), then the
    // oldest. Kept as fields change (reindex), so a request finds its slot in log time among a
    // thousand instances (the simulator's scale), not by a scan.
    private final TreeSet<Instance<P>> free =
            new TreeSet<>(
                    Comparator.<Instance<P>>comparingInt(i -> i.active)
                            .thenComparing(i -> i.lastUsedNanos, Comparator.reverseOrder())
                            .thenComparingInt(i -> i.id));
    private final Deque<Waiter<P>> waiting = new ArrayDeque<>();
    private final Map<CompletableFuture<Admission<P>>, Waiter<P>> unanswered =
            new IdentityHashMap<>();
    private int lastId;
    private int mostInstances;
    private long throttles;
    private double scaleOutTokens; // the scale-out rate's bucket: new instances it allows now
    private long scaleOutTokensAtNanos;
    private boolean closed;

    /** On real time, starting instances on threads of its own. */
    public InstanceRegistry(
            Target target,
            SchedulingRules rules,
            InstanceLauncher<P> launcher,
            StandInEvents events) {
        this(
                target,
                rules,
                launcher,
                events,
                Clock.system(target.id() + "-scheduler"),
                Executors.newCachedThreadPool(DaemonThreads.named(target.id() + "-starter")));
        owned.add((AutoCloseable) clock);
        owned.add(((ExecutorService) starter)::shutdownNow);
    }

    /**
     * On {@code clock}, starting instances on {@code starter} (the tests: a manual clock, the
     * caller's thread; the simulator: its virtual clock, the caller's thread).
     */
    public InstanceRegistry(
            Target target,
            SchedulingRules rules,
            InstanceLauncher<P> launcher,
            StandInEvents events,
            Clock clock,
            Executor starter) {
        this.target = target;
        this.rules = rules;
        this.launcher = launcher;
        this.events = events;
        this.clock = clock;
        this.starter = starter;
        if (rules.scaleOutRate() != null) { // the bucket starts full
            scaleOutTokens = rules.scaleOutRate().instances();
            scaleOutTokensAtNanos = clock.nanoTime();
        }
        clock.schedule(reapPeriodNanos(), this::reapIdle);
        if (rules.autoscaler() != null) {
            clock.schedule(autoscalePeriodNanos(), this::autoscale);
        }
        if (rules.minInstances() > 0) {
            List<Runnable> after = new ArrayList<>();
            lock.lock();
            try {
                for (int n = 0; n < rules.minInstances(); n++) {
                    start(after);
                }
            } finally {
                lock.unlock();
            }
            after.forEach(Runnable::run);
        }
    }

    /**
     * Asks for a slot. The answer is a {@link Admission.Lease} once a slot is free, or an {@link
     * Admission.Refused} when none is within the queue timeout; it fails with {@link
     * InstanceStartFailed} when the instance the request was bound to never became ready. A caller
     * that stops waiting says so with {@link #giveUp}.
     */
    public CompletableFuture<Admission<P>> acquire() {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException(target.id() + " stand-in is stopped"));
            }
            Waiter<P> w = new Waiter<>(clock.nanoTime() + rules.queueTimeout().toNanos());
            waiting.addLast(w);
            unanswered.put(w.answer, w);
            w.answer.whenComplete((a, t) -> forget(w));
            dispatch(after);
            if (waiting.contains(w) && w.boundTo == null) {
                if (rules.queueTimeout().isZero()) {
                    refuse(w, after);
                } else {
                    clock.schedule(rules.queueTimeout().toNanos(), this::expireWaiting);
                }
            }
            return w.answer;
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    /**
     * The caller stops waiting for {@code answer}. With {@code discard}, the instance the request
     * was bound to goes too (Lambda: an environment whose init outlasted the invocation's timeout
     * is not kept), and so does one granted to it in the meantime; otherwise a granted slot is
     * given back.
     */
    public void giveUp(CompletableFuture<Admission<P>> answer, boolean discard) {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            Waiter<P> w = unanswered.get(answer);
            if (w != null) {
                w.discard = discard;
                if (waiting.remove(w) && discard && w.boundTo != null) {
                    remove(
                            w.boundTo,
                            new IllegalStateException("its request gave up waiting"),
                            after);
                }
                dispatch(after);
            }
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
        // Either this cancel or the grant's completion wins; whichever loses gives the slot back.
        if (!answer.cancel(false)
                && !answer.isCompletedExceptionally()
                && answer.join() instanceof Admission.Lease<P> lease) {
            release(lease, !discard);
        }
    }

    private void forget(Waiter<P> w) {
        lock.lock();
        try {
            unanswered.remove(w.answer);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives a slot back. {@code keep} false discards the instance (Lambda discards an environment
     * whose invocation timed out or whose runtime died).
     */
    public void release(Admission.Lease<P> lease, boolean keep) {
        List<Runnable> after = new ArrayList<>();
        long end;
        lock.lock();
        try {
            end = clock.nanoTime();
            Instance<P> i = lease.instance();
            i.inFlightChanges(end);
            reindex(
                    i,
                    () -> {
                        i.active--;
                        i.lastUsedNanos = end;
                    });
            i.served++;
            if (i.active == 0 && keep && i.registered) {
                between(i, false);
            }
            if (!keep) {
                remove(i, new IllegalStateException("discarded"), after);
            }
            dispatch(after);
        } finally {
            lock.unlock();
        }
        events.requestServed(target, lease.instance().id(), lease.startNanos(), end);
        after.forEach(Runnable::run);
    }

    // Under the lock: serve the queue in order, then start instances for what is left.
    private void dispatch(List<Runnable> after) {
        boolean unboundBlocked = false;
        for (Iterator<Waiter<P>> it = waiting.iterator(); it.hasNext(); ) {
            Waiter<P> w = it.next();
            Instance<P> slot;
            if (w.boundTo != null) {
                slot = w.boundTo.ready && w.boundTo.active < rules.concurrency() ? w.boundTo : null;
            } else {
                slot = unboundBlocked ? null : freest();
                unboundBlocked = slot == null;
            }
            if (slot != null) {
                it.remove();
                grant(w, slot, after);
            }
        }
        scaleOut(after);
    }

    /**
     * Under the lock, so transitions reach the process in the order they happened: {@code busy}
     * when its first request starts, idle when its last ends. A process that has gone cannot be
     * told.
     */
    private void between(Instance<P> i, boolean busy) {
        try {
            if (busy) {
                i.process.busy();
            } else {
                i.process.idle();
            }
        } catch (RuntimeException e) {
            System.err.println(
                    target.id()
                            + " instance "
                            + i.id
                            + ": "
                            + (busy ? "busy" : "idle")
                            + " not applied: "
                            + e.getMessage());
        }
    }

    private Instance<P> freest() {
        return free.isEmpty() ? null : free.first();
    }

    // Under the lock: applies a change to the fields the free index orders by.
    private void reindex(Instance<P> i, Runnable change) {
        free.remove(i);
        change.run();
        if (i.registered && i.ready && i.active < rules.concurrency()) {
            free.add(i);
        }
    }

    private void grant(Waiter<P> w, Instance<P> i, List<Runnable> after) {
        i.inFlightChanges(clock.nanoTime());
        boolean first = i.active == 0;
        reindex(i, () -> i.active++);
        if (first) {
            between(i, true);
        }
        Admission.Lease<P> lease =
                new Admission.Lease<>(i, i.leases++ == 0, i.readyMillis, clock.nanoTime());
        after.add(
                () -> {
                    if (!w.answer.complete(lease)) { // the caller gave up waiting
                        release(lease, !w.discard);
                    }
                });
    }

    private void scaleOut(List<Runnable> after) {
        if (waiting.isEmpty()) {
            return; // nothing waits: no instance to start (and no scan of them all per request)
        }
        // One pass over the queue, not one per starting instance: a burst at thousands of
        // requests a second queues thousands against as many starting instances.
        long unbound = 0;
        Map<Instance<P>, Integer> bound = new IdentityHashMap<>();
        for (Waiter<P> w : waiting) {
            if (w.boundTo == null) {
                unbound++;
            } else {
                bound.merge(w.boundTo, 1, Integer::sum);
            }
        }
        long absorbable = 0; // slots of starting instances not promised to a bound request
        for (Instance<P> i : instances) {
            if (!i.ready) {
                absorbable += rules.concurrency() - bound.getOrDefault(i, 0);
            }
        }
        while (instances.size() < rules.maxInstances()
                && unbound > absorbable
                && takeScaleOutToken()) {
            Instance<P> i = start(after);
            absorbable += rules.concurrency();
            if (rules.coldRequestWaitsForItsInstance()) {
                waiting.stream()
                        .filter(w -> w.boundTo == null)
                        .findFirst()
                        .ifPresent(w -> w.boundTo = i);
                unbound--;
                absorbable--;
            }
        }
    }

    // Under the lock: whether the scale-out rate allows one more new instance now, taking it.
    private boolean takeScaleOutToken() {
        SchedulingRules.ScaleOutRate rate = rules.scaleOutRate();
        if (rate == null) {
            return true;
        }
        long now = clock.nanoTime();
        scaleOutTokens =
                Math.min(
                        rate.instances(),
                        scaleOutTokens
                                + (now - scaleOutTokensAtNanos)
                                        * (double) rate.instances()
                                        / rate.per().toNanos());
        scaleOutTokensAtNanos = now;
        if (scaleOutTokens < 1) {
            return false;
        }
        scaleOutTokens--;
        return true;
    }

    // Under the lock: registers a new instance now, launches it after.
    private Instance<P> start(List<Runnable> after) {
        Instance<P> i = new Instance<>(++lastId);
        instances.add(i);
        i.registered = true;
        mostInstances = Math.max(mostInstances, instances.size());
        after.add(() -> events.instanceStarting(target, i.id));
        after.add(() -> starter.execute(() -> boot(i)));
        return i;
    }

    /**
     * Cloud Run's autoscaler, once per sixtieth of its window: each ready instance's CPU and
     * requests in flight over the window, and as many new instances as the targets call for.
     */
    private void autoscale() {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            Autoscaler scaler = rules.autoscaler();
            long now = clock.nanoTime();
            List<Autoscaler.Load> loads = new ArrayList<>();
            for (Instance<P> i : instances) {
                if (!i.ready) {
                    continue;
                }
                i.inFlightChanges(now);
                long[] sample = {now, i.process.stats().cpuMillis(), i.activeNanos};
                i.load.addLast(sample);
                while (i.load.size() > 2
                        && now - i.load.peekFirst()[0] > scaler.window().toNanos()) {
                    i.load.removeFirst();
                }
                long[] oldest = i.load.peekFirst();
                double span = now - oldest[0];
                if (span > 0) {
                    loads.add(
                            new Autoscaler.Load(
                                    (sample[1] - oldest[1]) * 1e6 / span / rules.instanceVcpus(),
                                    (sample[2] - oldest[2]) / span,
                                    now - i.readyAtNanos >= scaler.settle().toNanos()));
                }
            }
            int wanted =
                    Math.min(
                            rules.maxInstances(),
                            scaler.desired(loads, rules.concurrency(), rules.minInstances()));
            while (instances.size() < wanted) {
                start(after);
            }
            clock.schedule(autoscalePeriodNanos(), this::autoscale);
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    private long autoscalePeriodNanos() {
        return Math.max(1, rules.autoscaler().window().toNanos() / 60);
    }

    private void boot(Instance<P> i) {
        P process;
        try {
            process = launcher.launch(i.id);
        } catch (IOException | RuntimeException e) {
            failed(i, e);
            return;
        }
        boolean wanted;
        lock.lock();
        try {
            wanted = i.registered; // not when stopped while it launched
            if (wanted) {
                i.process = process;
            }
        } finally {
            lock.unlock();
        }
        if (!wanted) {
            process.stop();
            return;
        }
        process.exited().whenComplete((x, t) -> exited(i));
        process.ready()
                .whenComplete(
                        (millis, t) -> {
                            if (t == null) {
                                ready(i, millis);
                            } else {
                                failed(
                                        i,
                                        t instanceof CompletionException && t.getCause() != null
                                                ? t.getCause()
                                                : t);
                            }
                        });
    }

    private void ready(Instance<P> i, double millis) {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            if (!i.registered) {
                return;
            }
            i.readyMillis = millis;
            reindex(
                    i,
                    () -> {
                        i.ready = true;
                        i.lastUsedNanos = clock.nanoTime();
                    });
            i.readyAtNanos = i.lastUsedNanos;
            i.activeSinceNanos = i.lastUsedNanos;
            between(i, false); // init is over and nothing is in flight yet
            after.add(() -> events.instanceReady(target, i.id, millis));
            dispatch(after);
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    private void failed(Instance<P> i, Throwable cause) {
        System.err.println(
                target.id() + " instance " + i.id + " failed to start: " + cause.getMessage());
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            remove(i, cause, after);
            dispatch(after);
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    private void exited(Instance<P> i) {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            remove(i, new IllegalStateException("its process exited"), after);
            dispatch(after);
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    // Under the lock: the one place an instance leaves; its requests bound to it fail, its process
    // stops after.
    private void remove(Instance<P> i, Throwable cause, List<Runnable> after) {
        if (!i.registered) {
            return;
        }
        instances.remove(i);
        free.remove(i);
        i.registered = false;
        for (Iterator<Waiter<P>> it = waiting.iterator(); it.hasNext(); ) {
            Waiter<P> w = it.next();
            if (w.boundTo == i) {
                it.remove();
                InstanceStartFailed failure = new InstanceStartFailed(i.id, cause);
                after.add(() -> w.answer.completeExceptionally(failure));
            }
        }
        P process = i.process;
        if (process != null) {
            double readyMillis = i.readyMillis;
            long served = i.served;
            after.add(
                    () -> {
                        InstanceRecord last = record(i.id, process, readyMillis, served);
                        process.stop();
                        events.instanceStopped(last);
                    });
        }
    }

    private void refuse(Waiter<P> w, List<Runnable> after) {
        waiting.remove(w);
        throttles++;
        String why =
                rules.coldRequestWaitsForItsInstance()
                        ? instances.size() < rules.maxInstances() && rules.scaleOutRate() != null
                                ? "scaling rate: "
                                        + rules.scaleOutRate().instances()
                                        + " new environments per "
                                        + rules.scaleOutRate().per().toSeconds()
                                        + " s used"
                                : "reserved concurrency " + rules.maxInstances() + " reached"
                        : "no instance free within "
                                + rules.queueTimeout().toMillis()
                                + " ms at "
                                + instances.size()
                                + " of "
                                + rules.maxInstances()
                                + " instances";
        after.add(() -> events.throttled(target, why));
        after.add(() -> w.answer.complete(new Admission.Refused<>(why)));
    }

    private void expireWaiting() {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            long now = clock.nanoTime();
            for (Waiter<P> w : List.copyOf(waiting)) {
                if (w.boundTo == null && w.deadlineNanos <= now) {
                    refuse(w, after);
                }
            }
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    private void reapIdle() {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            long now = clock.nanoTime();
            int kept = instances.size();
            for (Instance<P> i : List.copyOf(instances)) {
                if (kept > rules.minInstances()
                        && i.ready
                        && i.active == 0
                        && now - i.lastUsedNanos >= rules.idleTimeout().toNanos()) {
                    kept--;
                    remove(i, new IllegalStateException("idle"), after);
                }
            }
            clock.schedule(reapPeriodNanos(), this::reapIdle);
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    /**
     * A few times per idle timeout (a quarter of it, between 50 ms and 1 s): an idle instance goes
     * at most that late.
     */
    private long reapPeriodNanos() {
        return Math.max(50_000_000L, Math.min(1_000_000_000L, rules.idleTimeout().toNanos() / 4));
    }

    private InstanceRecord record(int id, P process, double readyMillis, long served) {
        ProcStats stats = process.stats();
        return new InstanceRecord(
                target,
                id,
                process.pid(),
                readyMillis,
                stats.peakRssKb(),
                stats.cpuMillis(),
                served,
                stats.cpuQuota(),
                stats.throttledMillis(),
                process.jdk());
    }

    public SchedulingRules rules() {
        return rules;
    }

    /** Requests refused so far. */
    public long throttles() {
        lock.lock();
        try {
            return throttles;
        } finally {
            lock.unlock();
        }
    }

    /** The most instances that ever existed at once, starting ones included. */
    public int mostInstances() {
        lock.lock();
        try {
            return mostInstances;
        } finally {
            lock.unlock();
        }
    }

    /** Instances now: starting, busy or idle. */
    public int instances() {
        lock.lock();
        try {
            return instances.size();
        } finally {
            lock.unlock();
        }
    }

    /** Requests being served now, over all instances. */
    public int busySlots() {
        lock.lock();
        try {
            return instances.stream().mapToInt(i -> i.active).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting for a slot now. */
    public int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** The process id of an instance serving a request now, or 0: for fault-injection tests. */
    public long busyPid() {
        lock.lock();
        try {
            return instances.stream()
                    .filter(i -> i.active > 0)
                    .mapToLong(i -> i.process.pid())
                    .findFirst()
                    .orElse(0);
        } finally {
            lock.unlock();
        }
    }

    /** Every instance whose process exists, as it is now: ready time, peak RSS and CPU so far. */
    public List<InstanceRecord> liveInstances() {
        record Snapshot<P>(int id, P process, double readyMillis, long served) {}
        List<Snapshot<P>> now = new ArrayList<>();
        lock.lock();
        try {
            for (Instance<P> i : instances) {
                if (i.process != null) {
                    now.add(new Snapshot<>(i.id, i.process, i.readyMillis, i.served));
                }
            }
        } finally {
            lock.unlock();
        }
        return now.stream()
                .map(s -> record(s.id(), s.process(), s.readyMillis(), s.served()))
                .toList();
    }

    /**
     * Stops every instance now, busy or not (a busy one's request then fails as if the instance had
     * crashed); waiting requests stay and start new ones. Between two targets' loads, nothing is
     * busy.
     */
    public void stopAll() {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            for (Instance<P> i : List.copyOf(instances)) {
                remove(i, new IllegalStateException("stopped"), after);
            }
            dispatch(after);
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    /** Refuses every waiting request and stops every instance. */
    @Override
    public void close() {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            for (Waiter<P> w : waiting) {
                after.add(
                        () ->
                                w.answer.completeExceptionally(
                                        new IllegalStateException(
                                                target.id() + " stand-in is stopped")));
            }
            waiting.clear();
            for (Instance<P> i : List.copyOf(instances)) {
                remove(i, new IllegalStateException(target.id() + " stand-in is stopped"), after);
            }
        } finally {
            lock.unlock();
        }
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(
                        "could not stop the " + target.id() + " scheduler", e);
            }
        }
        after.forEach(Runnable::run);
    }
}
