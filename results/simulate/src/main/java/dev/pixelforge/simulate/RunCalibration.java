package dev.pixelforge.simulate;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.sample.Sample;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A calibration from a run's own records: its samples (process times per image, cold ones apart;
 * the time outside the function; bytes each way) and its instances (spawn to ready). A run on the
 * clouds gives the platforms' own distributions; a local run at dilation k has its process and
 * start-up times divided by k, while the front's time, which k does not slow, is kept as measured.
 *
 * <p>The front's time is round trip minus process time: on a loaded run it also holds waits for a
 * free instance, so calibrate from a run with no more threads than instance slots (what {@code
 * ./pixelforge calibrate} runs).
 */
public final class RunCalibration {

    /** What one target ran at. */
    public record Conditions(double cpus, double dilation) {}

    private final Map<Target, Conditions> conditions;
    private final Map<Target, Collected> collected = new EnumMap<>(Target.class);

    private static final class Collected {
        final List<Long> first = new ArrayList<>();
        final List<Long> front = new ArrayList<>();
        final List<Long> refusal = new ArrayList<>();
        final Map<String, List<Long>> app = new LinkedHashMap<>();
        final Map<String, List<Long>> requestBytes = new HashMap<>();
        final Map<String, List<Long>> responseBytes = new HashMap<>();
        final List<Long> ready = new ArrayList<>();
    }

    public RunCalibration(Map<Target, Conditions> conditions) {
        this.conditions = Map.copyOf(conditions);
    }

    /** One sample of the run; only a target's successes with a process time count. */
    public void accept(Sample s) {
        Target t = Target.of(s.target());
        Conditions c = conditions.get(t);
        if (c != null && s.throttled()) {
            collected.computeIfAbsent(t, x -> new Collected()).refusal.add(s.roundTripMicros());
            return;
        }
        if (c == null || !s.success() || s.appMicros() < 0) {
            return;
        }
        Collected into = collected.computeIfAbsent(t, x -> new Collected());
        long app = Math.round(s.appMicros() / c.dilation());
        if (Boolean.TRUE.equals(s.cold())) {
            into.first.add(app);
            return;
        }
        into.app.computeIfAbsent(s.image(), x -> new ArrayList<>()).add(app);
        into.requestBytes.computeIfAbsent(s.image(), x -> new ArrayList<>()).add(s.sentBytes());
        into.responseBytes.computeIfAbsent(s.image(), x -> new ArrayList<>()).add(s.bytes());
        into.front.add(Math.max(0, s.roundTripMicros() - s.appMicros()));
    }

    /** One instance of the run: its spawn-to-ready time. */
    public void accept(InstanceRecord r) {
        Conditions c = conditions.get(r.target());
        if (c != null && r.readyMillis() > 0) {
            collected
                    .computeIfAbsent(r.target(), x -> new Collected())
                    .ready
                    .add(Math.round(r.readyMillis() * 1000 / c.dilation()));
        }
    }

    /**
     * The calibration, with {@code provenance}; a target with no warm success, no cold start or no
     * instance's start-up time cannot be calibrated, and the message says which is missing.
     */
    public Calibration calibration(Map<String, String> provenance) {
        Map<Target, TargetCalibration> targets = new EnumMap<>(Target.class);
        for (Map.Entry<Target, Conditions> e : conditions.entrySet()) {
            Target t = e.getKey();
            Collected c = collected.get(t);
            String missing =
                    c == null || c.app.isEmpty()
                            ? "no warm successful request"
                            : c.first.isEmpty()
                                    ? "no cold start"
                                    : c.ready.isEmpty() ? "no instance's start-up time" : null;
            if (missing != null) {
                throw new IllegalArgumentException(
                        t.id() + " cannot be calibrated from this run: it has " + missing);
            }
            Map<String, ImageCalibration> images = new LinkedHashMap<>();
            c.app.forEach(
                    (image, times) ->
                            images.put(
                                    image,
                                    new ImageCalibration(
                                            image,
                                            median(c.requestBytes.get(image)),
                                            median(c.responseBytes.get(image)),
                                            Distribution.of(array(times)))));
            targets.put(
                    t,
                    new TargetCalibration(
                            t,
                            e.getValue().cpus(),
                            Distribution.of(array(c.ready)),
                            Distribution.of(array(c.first)),
                            Distribution.of(array(c.front)),
                            Distribution.of(array(c.refusal.isEmpty() ? c.front : c.refusal)),
                            images));
        }
        return new Calibration(provenance, targets);
    }

    private static long[] array(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static long median(List<Long> values) {
        return Distribution.of(array(values)).quantile(0.5);
    }
}
