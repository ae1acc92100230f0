package dev.pixelforge.platform.sample;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Where each target's start-up ends and its steady state begins, from its samples alone. The rule
 * (docs/model.md states it for users): start-up lasts until the ramp-up is over and every instance
 * that began serving in the first half of the target's window has answered {@link #WARM_REQUESTS}
 * requests (one pass through the study's twelve images: by then its JIT has compiled every path of
 * the kernel the image set takes), or all it ever answered if fewer. Instances that start later are
 * the steady state's own scale-out: their cold starts stay in the steady state, counted.
 *
 * <p>A pure function of the samples, so that the report, a sweep and a re-report of an old run draw
 * the same boundary; samples.csv stays append-only. Feed every sample, then ask {@link #phases}.
 */
public final class SteadyState implements Consumer<Sample> {

    /** Requests each early instance answers before it counts as warm. */
    public static final int WARM_REQUESTS = 12;

    private final Map<String, Window> targets = new LinkedHashMap<>();

    @Override
    public void accept(Sample s) {
        targets.computeIfAbsent(s.target(), t -> new Window()).add(s);
    }

    /**
     * Each target's phases.
     *
     * @param rampMillis per target, the ramp-up as the target ran it (wall-clock, dilation
     *     included); absent targets had none
     */
    public Map<String, Phases> phases(Map<String, Long> rampMillis) {
        Map<String, Phases> out = new LinkedHashMap<>();
        targets.forEach(
                (target, w) -> out.put(target, w.phases(rampMillis.getOrDefault(target, 0L))));
        return out;
    }

    /**
     * One target's window split in two, in epoch milliseconds: start-up from {@code startMillis} to
     * {@code steadyFromMillis}, steady state from there to {@code endMillis} (empty when the
     * start-up never ended).
     */
    public record Phases(long startMillis, long steadyFromMillis, long endMillis) {

        /** A whole run as steady state: a target without samples to split. */
        public static Phases allSteady(long startMillis, long endMillis) {
            return new Phases(startMillis, startMillis, endMillis);
        }

        /** Whether {@code s}, by its send time, belongs to the steady state. */
        public boolean steady(Sample s) {
            return s.startEpochMillis() >= steadyFromMillis;
        }

        public double startupSeconds() {
            return (Math.min(steadyFromMillis, endMillis) - startMillis) / 1000.0;
        }

        public double steadySeconds() {
            return Math.max(0, endMillis - steadyFromMillis) / 1000.0;
        }
    }

    private static final class Window {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        final Map<String, Instance> instances = new HashMap<>();

        void add(Sample s) {
            start = Math.min(start, s.startEpochMillis());
            end = Math.max(end, s.endEpochMillis());
            if (s.instance() != null && !s.instance().isEmpty()) {
                instances.computeIfAbsent(s.instance(), i -> new Instance()).add(s);
            }
        }

        Phases phases(long rampMillis) {
            long half = start + (end - start) / 2;
            long steadyFrom = start + rampMillis;
            for (Instance i : instances.values()) {
                if (i.firstStart < half) {
                    steadyFrom = Math.max(steadyFrom, i.warmAt());
                }
            }
            return new Phases(start, steadyFrom, end);
        }
    }

    /** An instance's first send time and the ends of its earliest answers. */
    private static final class Instance {
        long firstStart = Long.MAX_VALUE;
        // The WARM_REQUESTS earliest ends, largest on top: the top is the warm-up's end.
        final PriorityQueue<Long> earliestEnds =
                new PriorityQueue<>(WARM_REQUESTS + 1, (a, b) -> Long.compare(b, a));

        void add(Sample s) {
            firstStart = Math.min(firstStart, s.startEpochMillis());
            earliestEnds.add(s.endEpochMillis());
            if (earliestEnds.size() > WARM_REQUESTS) {
                earliestEnds.poll();
            }
        }

        long warmAt() {
            return earliestEnds.peek();
        }
    }
}
