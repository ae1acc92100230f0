package dev.pixelforge.standins.google;

import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.profile.TargetProfile;
import dev.pixelforge.standins.process.ChildJvm;
import dev.pixelforge.standins.scheduling.Admission;
import dev.pixelforge.standins.scheduling.InstanceRegistry;
import dev.pixelforge.standins.scheduling.SchedulingRules;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The execution model Cloud Run and Cloud Functions gen2 share, on the shared {@link
 * InstanceRegistry}: each instance serves up to {@code concurrency} requests at once; when all are
 * full, a new instance starts (a cold start), up to {@code max instances}; beyond that a request
 * waits, first come first served, up to the queue timeout for a free slot, then is refused. Idle
 * instances are stopped after the idle timeout.
 */
public final class InstancePool implements AutoCloseable {

    /** Starts the deployable for instance {@code id} listening on {@code port}. */
    @FunctionalInterface
    public interface Launcher {
        ChildJvm launch(int id, int port) throws IOException;
    }

    private final TargetProfile profile;
    private final InstanceRegistry<PooledInstance> registry;

    public InstancePool(TargetProfile profile, Launcher launcher, StandInEvents events) {
        this.profile = profile;
        this.registry =
                new InstanceRegistry<>(
                        profile.target(),
                        SchedulingRules.of(profile),
                        id ->
                                PooledInstance.start(
                                        id,
                                        launcher,
                                        profile.target().id(),
                                        profile.requestBasedBilling(),
                                        profile.startupBoostAfterReady()),
                        events);
    }

    public TargetProfile profile() {
        return profile;
    }

    /**
     * Waits for a slot on a ready instance: a lease, or a refusal when none freed up within the
     * queue timeout.
     */
    public Admission<PooledInstance> acquire() throws InterruptedException {
        try {
            return registry.acquire().get();
        } catch (ExecutionException stopped) {
            throw new IllegalStateException(stopped.getCause().getMessage(), stopped.getCause());
        }
    }

    public void release(Admission.Lease<PooledInstance> lease) {
        registry.release(lease, true);
    }

    public long throttles() {
        return registry.throttles();
    }

    /** The most instances that ever existed at once (starting ones included). */
    public int mostInstances() {
        return registry.mostInstances();
    }

    /** Requests being served right now, over all instances. */
    public int busySlots() {
        return registry.busySlots();
    }

    public int instances() {
        return registry.instances();
    }

    /** Every live instance as it is now: ready time, peak RSS and CPU so far. */
    public List<InstanceRecord> liveInstances() {
        return registry.liveInstances();
    }

    /** Stops every instance now; the next request starts a new one. */
    public void stopInstances() {
        registry.stopAll();
    }

    @Override
    public void close() {
        registry.close();
    }
}
