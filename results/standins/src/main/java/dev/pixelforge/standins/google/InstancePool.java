package dev.pixelforge.standins.google;

import dev.pixelforge.platform.profile.TargetProfile;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.standins.process.ChildJvm;
import dev.pixelforge.standins.process.LoopbackPort;
import dev.pixelforge.standins.process.ProcStats;
import dev.pixelforge.standins.process.DaemonThreads;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The execution model Cloud Run and Cloud Functions gen2 share: each instance serves up to
 * {@code concurrency} requests at once; when all are full, a new instance starts (a cold start),
 * up to {@code max instances}; beyond that a request waits up to the queue timeout for a free slot,
 * then is refused. Instances are ready when their port accepts a connection (a TCP startup probe)
 * and are stopped after staying idle for the idle timeout.
 */
public final class InstancePool implements AutoCloseable {

    /** Starts the deployable for instance {@code id} listening on {@code port}. */
    @FunctionalInterface
    public interface Launcher {
        ChildJvm launch(int id, int port) throws IOException;
    }

    /** A request's hold on one slot of one instance; give it back with {@link #release}. */
    public record Lease(Instance instance, long startNanos) {
    }

    /** One running (or starting) instance. */
    public static final class Instance {
        private final int id;
        private final int port;
        private ChildJvm jvm;
        private boolean ready;
        private double readyMillis = -1;
        private int active;
        private long served;
        private long idleSinceNanos = System.nanoTime();

        private Instance(int id, int port) {
            this.id = id;
            this.port = port;
        }

        public int id() {
            return id;
        }

        public int port() {
            return port;
        }
    }

    private final TargetProfile profile;
    private final Launcher launcher;
    private final StandInEvents events;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Instance> instances = new ArrayList<>();
    private final ExecutorService starters = Executors.newCachedThreadPool(DaemonThreads.named("instance-starter"));
    private final ScheduledExecutorService reaper;
    private final AtomicLong throttles = new AtomicLong();
    private int waiting;
    private int lastId;
    private int mostInstances;
    private boolean closed;

    public InstancePool(TargetProfile profile, Launcher launcher, StandInEvents events) {
        this.profile = profile;
        this.launcher = launcher;
        this.events = events;
        this.reaper = DaemonThreads.reaper(profile.target().id() + "-reaper", profile, this::reapIdle);
    }

    public TargetProfile profile() {
        return profile;
    }

    public long throttles() {
        return throttles.get();
    }

    /** The most instances that ever existed at once (starting ones included). */
    public int mostInstances() {
        lock.lock();
        try {
            return mostInstances;
        } finally {
            lock.unlock();
        }
    }

    /** Requests being served right now, over all instances. */
    public int busySlots() {
        lock.lock();
        try {
            return instances.stream().mapToInt(i -> i.active).sum();
        } finally {
            lock.unlock();
        }
    }

    public int instances() {
        lock.lock();
        try {
            return instances.size();
        } finally {
            lock.unlock();
        }
    }

    /** A slot on a ready instance, or null when none freed up within the queue timeout. */
    public Lease acquire() throws InterruptedException {
        long deadline = System.nanoTime() + profile.queueTimeout().toNanos();
        lock.lock();
        waiting++;
        try {
            while (true) {
                if (closed) {
                    throw new IllegalStateException(profile.target().id() + " stand-in is stopped");
                }
                Instance best = null;
                for (Instance i : instances) {
                    if (i.ready && i.active < profile.concurrency() && (best == null || i.active < best.active)) {
                        best = i;
                    }
                }
                if (best != null) {
                    best.active++;
                    return new Lease(best, System.nanoTime());
                }
                // Scale out only for demand the instances already starting cannot absorb.
                long starting = instances.stream().filter(i -> !i.ready).count();
                if (instances.size() < profile.maxInstances() && waiting > starting * profile.concurrency()) {
                    startInstance();
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throttles.incrementAndGet();
                    events.throttled(profile.target(), "no instance free within " + profile.queueTimeout().toMillis()
                            + " ms at " + instances.size() + " of " + profile.maxInstances() + " instances");
                    return null;
                }
                changed.awaitNanos(left);
            }
        } finally {
            waiting--;
            lock.unlock();
        }
    }

    public void release(Lease lease) {
        long end = System.nanoTime();
        lock.lock();
        try {
            Instance i = lease.instance();
            i.active--;
            i.served++;
            if (i.active == 0) {
                i.idleSinceNanos = end;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        events.requestServed(profile.target(), lease.instance().id(), lease.startNanos(), end);
    }

    // Called with the lock held: registers the instance at once, spawns and probes it on another thread.
    private void startInstance() throws InterruptedException {
        Instance instance;
        try {
            instance = new Instance(++lastId, LoopbackPort.free());
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
        instances.add(instance);
        mostInstances = Math.max(mostInstances, instances.size());
        events.instanceStarting(profile.target(), instance.id);
        starters.execute(() -> boot(instance));
    }

    private void boot(Instance instance) {
        try {
            ChildJvm jvm = launcher.launch(instance.id, instance.port);
            lock.lock();
            try {
                if (closed || !instances.contains(instance)) { // stopped while the JVM was forking
                    jvm.close();
                    return;
                }
                instance.jvm = jvm;
            } finally {
                lock.unlock();
            }
            LoopbackPort.await(instance.port, java.time.Duration.ofSeconds(120), jvm::isAlive, "instance " + instance.id + " (log: " + jvm.log() + ")");
            double readyMillis = (System.nanoTime() - jvm.spawnNanos()) / 1e6;
            lock.lock();
            try {
                instance.ready = true;
                instance.readyMillis = readyMillis;
                instance.idleSinceNanos = System.nanoTime();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            events.instanceReady(profile.target(), instance.id, readyMillis);
            ProcessHandle.of(jvm.pid()).ifPresent(p -> p.onExit().thenRun(() -> remove(instance)));
        } catch (IOException | RuntimeException e) {
            System.err.println(profile.target().id() + " instance " + instance.id + " failed to start: " + e.getMessage());
            remove(instance);
        }
    }

    private void remove(Instance instance) {
        lock.lock();
        try {
            if (!instances.remove(instance)) {
                return;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        stop(instance);
    }

    private void reapIdle() {
        List<Instance> expired = new ArrayList<>();
        long now = System.nanoTime();
        lock.lock();
        try {
            for (Instance i : List.copyOf(instances)) {
                if (i.ready && i.active == 0 && now - i.idleSinceNanos >= profile.idleTimeout().toNanos()) {
                    instances.remove(i);
                    expired.add(i);
                }
            }
        } finally {
            lock.unlock();
        }
        expired.forEach(this::stop);
    }

    /** Every live instance as it is now: ready time, peak RSS and CPU so far. */
    public List<InstanceRecord> liveInstances() {
        List<Instance> now;
        lock.lock();
        try {
            now = List.copyOf(instances);
        } finally {
            lock.unlock();
        }
        return now.stream().filter(i -> i.jvm != null).map(this::record).toList();
    }

    private InstanceRecord record(Instance instance) {
        ProcStats stats = instance.jvm.stats();
        return new InstanceRecord(profile.target(), instance.id, instance.jvm.pid(), instance.readyMillis,
                stats.peakRssKb(), stats.cpuMillis(), instance.served);
    }

    private void stop(Instance instance) {
        if (instance.jvm == null) {
            return;
        }
        InstanceRecord last = record(instance);
        instance.jvm.close();
        events.instanceStopped(last);
    }

    @Override
    public void close() {
        List<Instance> all;
        lock.lock();
        try {
            closed = true;
            all = List.copyOf(instances);
            instances.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        reaper.shutdownNow();
        starters.shutdownNow();
        all.forEach(this::stop);
    }
}
