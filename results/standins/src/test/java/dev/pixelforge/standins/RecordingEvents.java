package dev.pixelforge.standins;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.LambdaReport;
import dev.pixelforge.platform.events.StandInEvents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything the stand-ins report, for assertions. */
final class RecordingEvents implements StandInEvents {

    /** One request's hold on one instance. */
    record Served(Target target, int instance, long startNanos, long endNanos) {}

    final List<LambdaReport> reports = new CopyOnWriteArrayList<>();
    final List<Served> served = new CopyOnWriteArrayList<>();
    final List<InstanceRecord> stopped = new CopyOnWriteArrayList<>();
    final Map<Target, List<Integer>> starting = new ConcurrentHashMap<>();
    final List<Target> throttled = new CopyOnWriteArrayList<>();

    @Override
    public void instanceStarting(Target target, int id) {
        starting.computeIfAbsent(target, t -> new CopyOnWriteArrayList<>()).add(id);
    }

    @Override
    public void lambdaReport(LambdaReport report) {
        reports.add(report);
    }

    @Override
    public void throttled(Target target, String why) {
        throttled.add(target);
    }

    @Override
    public void requestServed(Target target, int instance, long startNanos, long endNanos) {
        served.add(new Served(target, instance, startNanos, endNanos));
    }

    @Override
    public void instanceStopped(InstanceRecord record) {
        stopped.add(record);
    }

    /**
     * The largest number of requests any one instance of {@code target} held at the same moment.
     */
    int mostAtOnceOnOneInstance(Target target) {
        int most = 0;
        for (Served a : served) {
            if (a.target() != target) {
                continue;
            }
            List<Served> overlapping = new ArrayList<>();
            for (Served b : served) {
                if (b.target() == target
                        && b.instance() == a.instance()
                        && b.startNanos() <= a.startNanos()
                        && a.startNanos() < b.endNanos()) {
                    overlapping.add(b);
                }
            }
            most = Math.max(most, overlapping.size());
        }
        return most;
    }
}
