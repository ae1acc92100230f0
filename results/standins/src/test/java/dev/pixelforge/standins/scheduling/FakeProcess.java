package dev.pixelforge.standins.scheduling;

import dev.pixelforge.standins.process.ProcStats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An instance with no process behind it: the test says when it is ready, fails or exits. */
final class FakeProcess implements InstanceProcess {

    /** Hands out fakes and keeps them, by instance id, for the test to drive. */
    static final class Launcher implements InstanceLauncher<FakeProcess> {
        final List<FakeProcess> launched = new ArrayList<>();

        @Override
        public FakeProcess launch(int id) {
            FakeProcess p = new FakeProcess(id);
            launched.add(p);
            return p;
        }

        FakeProcess instance(int id) {
            return launched.stream()
                    .filter(p -> p.id == id)
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new AssertionError(
                                            "instance "
                                                    + id
                                                    + " was never launched; launched: "
                                                    + launched.size()));
        }
    }

    final int id;
    final CompletableFuture<Double> ready = new CompletableFuture<>();
    final CompletableFuture<Void> exited = new CompletableFuture<>();
    int stops;

    /** CPU it has used, as /proc would say; the test moves it. */
    long cpuMillis;

    /** "busy" and "idle", in the order the registry said them. */
    final List<String> between = new ArrayList<>();

    private FakeProcess(int id) {
        this.id = id;
    }

    @Override
    public long pid() {
        return 1000 + id;
    }

    @Override
    public CompletableFuture<Double> ready() {
        return ready;
    }

    @Override
    public CompletableFuture<?> exited() {
        return exited;
    }

    @Override
    public ProcStats stats() {
        return new ProcStats(0, cpuMillis, Double.NaN, 0);
    }

    @Override
    public void stop() {
        stops++;
    }

    @Override
    public void busy() {
        between.add("busy");
    }

    @Override
    public void idle() {
        between.add("idle");
    }
}
