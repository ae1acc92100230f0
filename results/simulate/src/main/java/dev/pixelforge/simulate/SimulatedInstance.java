package dev.pixelforge.simulate;

import dev.pixelforge.standins.process.ProcStats;
import dev.pixelforge.standins.scheduling.InstanceProcess;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * One instance in simulated time: ready after its drawn start-up, then serving requests as the
 * function does: each request's pixel phases first come first served on its pixel threads (one per
 * whole vCPU, at least one: the function's pool), the rest of its process time (binding, base64,
 * writing the answer: the event loop's) before and after them, half each, beside the pool (see
 * {@link ImageCalibration}). A request's process time is its wait for a pixel thread plus its own
 * times, as the function's {@code app} timing is. Only pixel time counts as the instance's CPU: it
 * is what bounds a busy instance's throughput on the stand-in.
 */
final class SimulatedInstance implements InstanceProcess {

    private record Job(long poolNanos, long afterNanos, long arrivedNanos, LongConsumer done) {}

    private final int id;
    private final VirtualClock clock;
    private final int servers;
    private final double cpuPerServer;
    private final CompletableFuture<Double> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    private final Deque<Job> queue = new ArrayDeque<>();
    private int busyServers;
    private double cpuNanos;

    /**
     * @param cpus the instance's CPU share: its pixel threads, and the CPU a busy one uses
     */
    SimulatedInstance(int id, VirtualClock clock, double cpus, long readyNanos) {
        this.id = id;
        this.clock = clock;
        this.servers = Math.max(1, (int) Math.floor(cpus + 1e-9));
        this.cpuPerServer = Math.min(1.0, cpus / servers);
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
     * outsideNanos} besides (half before, half after); {@code done} gets its time in the instance.
     */
    void serve(long poolNanos, long outsideNanos, LongConsumer done) {
        long before = outsideNanos / 2;
        Job job = new Job(poolNanos, outsideNanos - before, clock.nanoTime(), done);
        clock.schedule(
                before,
                () -> {
                    if (busyServers < servers) {
                        start(job);
                    } else {
                        queue.addLast(job);
                    }
                });
    }

    private void start(Job job) {
        busyServers++;
        cpuNanos += job.poolNanos * cpuPerServer;
        clock.schedule(
                job.poolNanos,
                () -> {
                    busyServers--;
                    Job next = queue.pollFirst();
                    if (next != null) {
                        start(next);
                    }
                    clock.schedule(
                            job.afterNanos,
                            () -> job.done.accept(clock.nanoTime() - job.arrivedNanos));
                });
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
     * CPU is counted when a request starts, so the autoscaler sees a long request at once rather
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
