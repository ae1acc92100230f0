package dev.pixelforge.platform.events;

import dev.pixelforge.platform.Target;

/**
 * What the stand-ins tell whoever watches: instances starting and stopping, throttles, Lambda
 * REPORT lines. The command prints them; tests collect them. Calls come from request threads.
 */
public interface StandInEvents {

    default void instanceStarting(Target target, int id) {}

    default void instanceReady(Target target, int id, double readyMillis) {}

    default void instanceStopped(InstanceRecord record) {}

    default void throttled(Target target, String why) {}

    default void lambdaReport(LambdaReport report) {}

    /**
     * An instance held one request (Lambda: one invocation) from {@code startNanos} to {@code
     * endNanos}.
     */
    default void requestServed(Target target, int instance, long startNanos, long endNanos) {}

    StandInEvents NONE = new StandInEvents() {};
}
