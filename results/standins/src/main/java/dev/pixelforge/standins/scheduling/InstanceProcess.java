package dev.pixelforge.standins.scheduling;

import dev.pixelforge.standins.process.ProcStats;

import java.util.concurrent.CompletableFuture;

/**
 * What the scheduler needs of a started instance: when it is ready, when it has gone, what it has
 * used, and how to stop it. A Lambda execution environment, a Cloud Run or Cloud Functions
 * instance, or a test's fake.
 */
public interface InstanceProcess {

    long pid();

    /**
     * Completes with spawn-to-ready in milliseconds, or exceptionally when the instance never
     * became ready.
     */
    CompletableFuture<Double> ready();

    /** Completes when the process has exited, for whatever reason. */
    CompletableFuture<?> exited();

    /** Peak resident memory and CPU time so far. */
    ProcStats stats();

    /** The JDK it runs on (vendor, version, JPEG codec), for its record; empty when none. */
    default String jdk() {
        return "";
    }

    /** Stops the process; returns when it has gone. */
    void stop();

    /** Its first request in flight after none: the platform gives it its CPU again. */
    default void busy() {}

    /**
     * Nothing in flight any more (or ready, with nothing yet): what its platform does then (Lambda
     * freezes it).
     */
    default void idle() {}
}
