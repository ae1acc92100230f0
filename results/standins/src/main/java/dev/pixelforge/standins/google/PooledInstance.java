package dev.pixelforge.standins.google;

import dev.pixelforge.core.probe.LoopbackPort;
import dev.pixelforge.standins.process.ChildJvm;
import dev.pixelforge.standins.process.DaemonThreads;
import dev.pixelforge.standins.scheduling.JvmInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Cloud Run or Cloud Functions instance: the deployable's JVM listening on its own loopback port,
 * ready when that port accepts a connection (Cloud Run's default TCP startup probe).
 */
public final class PooledInstance implements JvmInstance {

    /** How long an instance may take to listen before it counts as failed to start. */
    private static final Duration STARTUP_PROBE_LIMIT = Duration.ofSeconds(120);

    private final ChildJvm jvm;
    private final int port;
    private final CompletableFuture<Double> ready;
    private final boolean starvedWhenIdle;

    private PooledInstance(
            ChildJvm jvm,
            int port,
            String name,
            boolean starvedWhenIdle,
            Duration boostAfterReady) {
        this.starvedWhenIdle = starvedWhenIdle;
        this.jvm = jvm;
        this.port = port;
        // The probe runs on a thread of its own, so a slow start never holds up another.
        this.ready =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                LoopbackPort.await(
                                        port,
                                        STARTUP_PROBE_LIMIT,
                                        jvm::isAlive,
                                        name + " (log: " + jvm.log() + ")");
                                return (System.nanoTime() - jvm.spawnNanos()) / 1e6;
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        task -> DaemonThreads.named(name + "-probe").newThread(task).start());
        // Cloud Run's startup CPU boost lasts a while after the instance is ready (nothing when
        // the boost is off: the start-up CPU is then the share).
        ready.thenRunAsync(
                () -> {
                    try {
                        jvm.cpu().endStartup();
                    } catch (UncheckedIOException gone) {
                        // the instance stopped during the boost: its group went with it
                    }
                },
                CompletableFuture.delayedExecutor(boostAfterReady.toNanos(), TimeUnit.NANOSECONDS));
    }

    /**
     * Starts instance {@code id} of a pool on a free port. {@code starvedWhenIdle}: request-based
     * billing, where Cloud Run gives an instance CPU only while it has a request in flight.
     */
    static PooledInstance start(
            int id,
            InstancePool.Launcher launcher,
            String target,
            boolean starvedWhenIdle,
            Duration boostAfterReady)
            throws IOException {
        int port = LoopbackPort.free();
        return new PooledInstance(
                launcher.launch(id, port),
                port,
                target + " instance " + id,
                starvedWhenIdle,
                boostAfterReady);
    }

    @Override
    public void busy() {
        if (starvedWhenIdle) {
            jvm.cpu().resume();
        }
    }

    /** Instance-based billing: the whole quota (boosted, during the boost) between requests. */
    @Override
    public void idle() {
        if (starvedWhenIdle) {
            jvm.cpu().starve();
        } else {
            jvm.cpu().resume();
        }
    }

    public int port() {
        return port;
    }

    @Override
    public ChildJvm jvm() {
        return jvm;
    }

    @Override
    public CompletableFuture<Double> ready() {
        return ready;
    }
}
