package dev.pixelforge.simulate;

import dev.pixelforge.standins.process.ProcStats;
import dev.pixelforge.standins.scheduling.InstanceProcess;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * One instance in simulated time: ready after its drawn start-up, then serving requests as the
 * function does: each request's pixel phases first come first served on its pixel threads (one per
 * whole vCPU, at least one: the function's pool), the rest of its process time (binding, base64,
 * writing the answer: the event loop's) before and after them, half each, beside the pool (see
 * {@link ImageCalibration}). A request's process time is its wait for a pixel thread plus its own
 * times, as the function's {@code app} timing is.
 *
 * <p>All of that is CPU work, and the instance's CPU share is shared by whatever runs at once: the
 * pixel threads at work and every request in its event-loop phases, each getting an equal part and
 * at most one whole vCPU (a thread runs on one core), as the kernel's CFS shares a cgroup's quota.
 * A calibrated time was measured with the request alone in its instance, so alone it runs at the
 * calibrated speed; beside two others on one vCPU, at a third of it. Left out: the event loop's own
 * thread count (each request in its event-loop phase counts as a thread of its own) and a JVM's
 * background threads (GC, JIT) beyond what the calibrated times hold.
 */
final class SimulatedInstance implements InstanceProcess {

    /** A time's remainder under which a piece of work counts as done: rounding, not work. */
    private static final double DONE_NANOS = 0.5;

    private record Job(long poolNanos, long afterNanos, long arrivedNanos, LongConsumer done) {}

    /** CPU work under way, in nanoseconds of the request running alone in the instance. */
    private static final class Work {
        double remainingNanos;
        final Runnable then;

        Work(long nanos, Runnable then) {
            this.remainingNanos = nanos;
            this.then = then;
        }
    }

    private final int id;
    private final VirtualClock clock;
    private final double cpus;
    private final double aloneCpus;
    private final int servers;
    private final CompletableFuture<Double> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    private final Deque<Job> queue = new ArrayDeque<>();
    private final List<Work> running = new ArrayList<>();
    private final List<Work> due = new ArrayList<>(); // finishDue's, never nested: see finishing
    private int busyServers;
    private double cpuNanos;
    private long sharedSince;
    private long generation;
    private boolean finishing;

    /**
     * @param cpus the instance's CPU share: its pixel threads, and the CPU its work shares
     */
    SimulatedInstance(int id, VirtualClock clock, double cpus, long readyNanos) {
        this.id = id;
        this.clock = clock;
        this.cpus = cpus;
        this.aloneCpus = Math.min(1.0, cpus);
        this.servers = Math.max(1, (int) Math.floor(cpus + 1e-9));
        clock.schedule(
                readyNanos,
                () -> {
                    if (!exited.isDone()) {
                        ready.complete(readyNanos / 1e6);
                    }
                });
    }

    /**
     * Serves a request whose pixel phases take {@code poolNanos} on a pixel thread, with {@code
     * outsideNanos} besides (half before, half after), each as measured with the request alone in
     * its instance; {@code done} gets its time in the instance.
     */
    void serve(long poolNanos, long outsideNanos, LongConsumer done) {
        long before = outsideNanos / 2;
        Job job = new Job(poolNanos, outsideNanos - before, clock.nanoTime(), done);
        cpuNanos += (poolNanos + outsideNanos) * aloneCpus;
        compute(
                before,
                () -> {
                    if (busyServers < servers) {
                        startPool(job);
                    } else {
                        queue.addLast(job);
                    }
                });
    }

    private void startPool(Job job) {
        busyServers++;
        compute(
                job.poolNanos,
                () -> {
                    busyServers--;
                    Job next = queue.pollFirst();
                    if (next != null) {
                        startPool(next);
                    }
                    compute(
                            job.afterNanos,
                            () -> job.done.accept(clock.nanoTime() - job.arrivedNanos));
                });
    }

    /** Runs {@code nanos} of work beside whatever else runs, then {@code then}. */
    private void compute(long nanos, Runnable then) {
        if (nanos <= 0) {
            then.run();
            return;
        }
        share();
        running.add(new Work(nanos, then));
        if (!finishing) {
            scheduleNextFinish();
        }
    }

    /** Each running piece's speed, against running alone. */
    private double speed() {
        return Math.min(1.0, cpus / running.size()) / aloneCpus;
    }

    /** Counts the work done since the last change in what runs. */
    private void share() {
        long now = clock.nanoTime();
        if (!running.isEmpty() && now > sharedSince) {
            double done = (now - sharedSince) * speed();
            for (Work w : running) {
                w.remainingNanos -= done;
            }
        }
        sharedSince = now;
    }

    private void scheduleNextFinish() {
        long mine = ++generation; // an earlier finish, now wrong, finds itself stale
        if (running.isEmpty()) {
            return;
        }
        double least = Double.MAX_VALUE;
        for (Work w : running) {
            least = Math.min(least, w.remainingNanos);
        }
        long delay = (long) Math.ceil(Math.max(0, least) / speed());
        clock.schedule(
                delay,
                () -> {
                    if (mine == generation) {
                        finishDue();
                    }
                });
    }

    private void finishDue() {
        share();
        due.clear(); // one list for every finish: this runs once per piece of work
        for (Iterator<Work> it = running.iterator(); it.hasNext(); ) {
            Work w = it.next();
            if (w.remainingNanos <= DONE_NANOS) {
                due.add(w);
                it.remove();
            }
        }
        finishing = true; // the work the finished pieces start is scheduled once, below
        try {
            for (Work w : due) {
                w.then.run();
            }
        } finally {
            finishing = false;
        }
        scheduleNextFinish();
    }

    @Override
    public long pid() {
        return -id;
    }

    @Override
    public CompletableFuture<Double> ready() {
        return ready;
    }

    @Override
    public CompletableFuture<?> exited() {
        return exited;
    }

    /**
     * CPU is counted when a request arrives, so the autoscaler sees a long request at once rather
     * than at its end: a simplification worth at most one request's time per instance.
     */
    @Override
    public ProcStats stats() {
        return new ProcStats(0, Math.round(cpuNanos / 1e6), Double.NaN, 0);
    }

    @Override
    public void stop() {
        exited.complete(null); // an instance stopped before it was ready never becomes ready
    }
}
