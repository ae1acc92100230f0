package dev.pixelforge.standins.scheduling;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.StandInEvents;

import java.util.ArrayList;
import java.util.List;

/** The events a registry told, in order, as short lines a test compares whole. */
final class RecordedEvents implements StandInEvents {

    final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void instanceStarting(Target target, int id) {
        lines.add("starting " + id);
    }

    @Override
    public synchronized void instanceReady(Target target, int id, double readyMillis) {
        lines.add("ready " + id + " in " + (long) readyMillis + " ms");
    }

    @Override
    public synchronized void instanceStopped(InstanceRecord record) {
        lines.add("stopped " + record.id() + " after " + record.requests() + " requests");
    }

    @Override
    public synchronized void throttled(Target target, String why) {
        lines.add("throttled: " + why);
    }

    @Override
    public synchronized void requestServed(
            Target target, int instance, long startNanos, long endNanos) {
        lines.add("served on " + instance + " for " + (endNanos - startNanos) / 1_000_000 + " ms");
    }
}
