package dev.pixelforge.report.summary;

import dev.pixelforge.platform.sample.Sample;
import dev.pixelforge.platform.sample.SteadyState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds samples, as they stream from the sample log, into a {@link RunSummary}. Holds the durations
 * of the run (a few longs per request), never the samples themselves. Every figure but the cold
 * starts is of each target's steady state, as {@link SteadyState} drew it (a first pass over the
 * same samples); a target without phases is all steady state.
 */
public final class Summarizer implements Consumer<Sample> {

    private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");

    private final Map<String, PerTarget> targets = new LinkedHashMap<>();
    private final Map<String, TargetSummary.Resources> resources;
    private final Map<String, ArrivalPlan> plans;
    private final Map<String, SteadyState.Phases> phases;
    private final Map<String, Double> dilation;
    private final Map<String, Long> weights;
    private long firstStart = Long.MAX_VALUE;
    private long lastEnd = Long.MIN_VALUE;

    /**
     * @param resources per target, from the run's instance records (local runs); absent targets are
     *     unknown
     * @param plans per open-loop target, what it was to be sent (run.properties); closed-loop
     *     targets are absent
     * @param phases per target, where its start-up ends ({@link SteadyState}, fed the same
     *     samples); absent targets are all steady state
     * @param dilation per target, the k it ran at (absent: 1), for its cloud-equivalent round trips
     * @param weights per target, how many requests each sample stands for: more than 1 when a
     *     simulation too large to keep every sample kept one in that many (absent: 1)
     */
    public Summarizer(
            Map<String, TargetSummary.Resources> resources,
            Map<String, ArrivalPlan> plans,
            Map<String, SteadyState.Phases> phases,
            Map<String, Double> dilation,
            Map<String, Long> weights) {
        this.resources = resources;
        this.plans = plans;
        this.phases = phases;
        this.dilation = dilation;
        this.weights = weights;
    }

    @Override
    public void accept(Sample s) {
        targets.computeIfAbsent(
                        s.target(),
                        t ->
                                new PerTarget(
                                        t,
                                        phases.get(t),
                                        dilation.getOrDefault(t, 1.0),
                                        weights.getOrDefault(t, 1L)))
                .add(s);
        firstStart = Math.min(firstStart, s.startEpochMillis());
        lastEnd = Math.max(lastEnd, s.endEpochMillis());
    }

    public RunSummary summary(String run, String profile) {
        List<TargetSummary> all = new ArrayList<>();
        for (PerTarget t : targets.values()) {
            all.add(
                    t.summary(
                            resources.getOrDefault(t.target, TargetSummary.Resources.UNKNOWN),
                            plans.getOrDefault(t.target, ArrivalPlan.NONE)));
        }
        double seconds = targets.isEmpty() ? 0 : (lastEnd - firstStart) / 1000.0;
        return new RunSummary(
                run, profile, targets.isEmpty() ? 0 : firstStart, seconds, List.copyOf(all));
    }

    /** Pixels of an image named like "1920x1080-jpeg" (0 when the name has no size). */
    public static long pixels(String image) {
        Matcher m = SIZE.matcher(image);
        return m.find() ? Long.parseLong(m.group(1)) * Long.parseLong(m.group(2)) : 0;
    }

    private static final class PerTarget {
        final String target;
        final SteadyState.Phases phases; // null: all steady
        final double k;
        // Requests each sample stands for: counts are weighted, timings are of the samples.
        final long w;
        final LongList cloudRoundTrip = new LongList();
        final LongList steadyCloudOutcomes = new LongList();
        // Each steady request's send time, and its round trip (-1 when it did not succeed): the
        // batches are cut once the steady state's length is known.
        final LongList steadyStarts = new LongList();
        final LongList steadyOutcomes = new LongList();
        // Per instance, each steady success's time in the function: [answer - process, answer].
        final Map<String, LongList[]> inFunction = new HashMap<>();
        long startupRequests;
        long startupThrottles;
        long largestSent;
        long steadyColds;
        long samples;
        long successes;
        long errors;
        long throttles;
        long colds;
        // Response body bytes of successes: what a user's egress is billed on.
        long successBytes;
        long scheduled;
        long late;
        final LongList sendLag = new LongList();
        long firstStart = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        final LongList roundTrip = new LongList();
        final LongList latency = new LongList();
        final LongList connect = new LongList();
        final LongList process = new LongList();
        final LongList overhead = new LongList();
        final LongList coldRoundTrip = new LongList();
        final LongList refusalRoundTrip = new LongList();
        final LongList errorRoundTrip = new LongList();
        final Map<String, LongList[]> byImage = new LinkedHashMap<>();
        // epoch second -> requests sent, successes answered, throttles, errors (sent), sum of
        // the answered successes' round trips from the intended send time, sum of round trips of
        // the requests sent, from the send
        final TreeMap<Long, long[]> perSecond = new TreeMap<>();

        PerTarget(String target, SteadyState.Phases phases, double k, long w) {
            this.target = target;
            this.phases = phases;
            this.k = k;
            this.w = w;
        }

        /**
         * A success's round trip in cloud time: the function's process time and any send lag (the
         * client waiting on a dilated target) over k; the rest (the client, loopback, the fronts'
         * own work) as measured, since the dilation does not slow it.
         */
        long cloud(Sample s) {
            long rt = s.intendedRoundTripMicros();
            if (k == 1) {
                return rt;
            }
            long lag = Math.max(0, s.sendLagMicros());
            long app = s.appMicros();
            return app < 0 ? Math.round(rt / k) : Math.round(rt - lag - app + (lag + app) / k);
        }

        void add(Sample s) {
            firstStart = Math.min(firstStart, s.startEpochMillis());
            lastEnd = Math.max(lastEnd, s.endEpochMillis());
            largestSent = Math.max(largestSent, s.sentBytes());
            long[] sec = second(s.startEpochMillis());
            sec[0] += w;
            sec[5] += s.roundTripMicros() * w; // in flight from the send, whatever the answer: it
            // held a thread that long
            // What the client was to send and how late it was: the whole window, start-up included
            // (it is about the client's plan, not the target's steady state).
            if (s.sendLagMicros() >= 0) {
                scheduled += w;
                sendLag.add(s.sendLagMicros());
                if (s.late()) {
                    late += w;
                }
            }
            boolean steady = phases == null || phases.steady(s);
            if (s.isCold()) {
                colds += w;
                coldRoundTrip.add(s.intendedRoundTripMicros());
                if (steady) {
                    steadyColds += w;
                }
            }
            if (!steady) {
                startupRequests += w;
                if (s.throttled()) {
                    startupThrottles += w;
                    sec[2] += w;
                } else if (!s.success()) {
                    sec[3] += w;
                } else {
                    long[] end = second(s.endEpochMillis());
                    end[1] += w;
                    end[4] += s.intendedRoundTripMicros() * w;
                }
                return;
            }
            samples += w;
            steadyStarts.add(s.startEpochMillis());
            boolean ok = s.success() && !s.throttled();
            steadyOutcomes.add(ok ? s.intendedRoundTripMicros() : -1);
            steadyCloudOutcomes.add(ok ? cloud(s) : -1);
            // Open loop: from the time the request was due, so that a stalled target's queue shows
            // (coordinated
            // omission); in closed loop there is no such time and this is the round trip itself.
            long roundTripMicros = s.intendedRoundTripMicros();
            // Only successes enter the timings: a refusal answered in a millisecond is not a fast
            // request.
            if (s.throttled()) {
                throttles += w;
                sec[2] += w;
                refusalRoundTrip.add(s.roundTripMicros());
            } else if (s.success()) {
                successes += w;
                successBytes += Math.max(0, s.bytes()) * w;
                long[] end = second(s.endEpochMillis());
                end[1] += w;
                // The per-second mean, like every timing, is of successes.
                end[4] += roundTripMicros * w;
                roundTrip.add(roundTripMicros);
                cloudRoundTrip.add(cloud(s));
                latency.add(s.latencyMicros());
                connect.add(s.connectMicros());
                if (s.appMicros() >= 0) {
                    process.add(s.appMicros());
                    overhead.add(s.overheadMicros());
                    // A sampled run's busy periods would be those of the kept requests only.
                    if (!s.instance().isEmpty() && w == 1) {
                        LongList[] spans =
                                inFunction.computeIfAbsent(
                                        s.instance(),
                                        i -> new LongList[] {new LongList(), new LongList()});
                        long answered = s.startEpochMillis() * 1000 + s.roundTripMicros();
                        spans[0].add(answered - s.appMicros());
                        spans[1].add(answered);
                    }
                }
            } else {
                errors += w;
                sec[3] += w;
                errorRoundTrip.add(s.roundTripMicros());
            }
            if (s.success()) {
                LongList[] img =
                        byImage.computeIfAbsent(
                                s.image(), k -> new LongList[] {new LongList(), new LongList()});
                img[0].add(roundTripMicros);
                if (s.appMicros() >= 0) {
                    img[1].add(s.appMicros());
                }
            }
        }

        /** Each instance's in-function spans merged where they overlap: its busy periods. */
        private long[] busyPeriods() {
            LongList out = new LongList();
            for (LongList[] spans : inFunction.values()) {
                long[] from = spans[0].toArray();
                long[] to = spans[1].toArray();
                Integer[] order = new Integer[from.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, Comparator.comparingLong(i -> from[i]));
                long start = Long.MIN_VALUE;
                long end = Long.MIN_VALUE;
                for (int i : order) {
                    if (from[i] > end) {
                        if (end > start) {
                            out.add(end - start);
                        }
                        start = from[i];
                        end = to[i];
                    } else {
                        end = Math.max(end, to[i]);
                    }
                }
                if (end > start) {
                    out.add(end - start);
                }
            }
            return out.toArray();
        }

        private long[] second(long epochMillis) {
            return perSecond.computeIfAbsent(epochMillis / 1000, k -> new long[6]);
        }

        TargetSummary summary(TargetSummary.Resources resources, ArrivalPlan plan) {
            double window = Math.max(0.001, (lastEnd - firstStart) / 1000.0);
            SteadyState.Phases split =
                    phases == null ? SteadyState.Phases.allSteady(firstStart, lastEnd) : phases;
            double steadyWindow = Math.max(0.001, split.steadySeconds());
            Map<String, TargetSummary.ImageTimes> images = new LinkedHashMap<>();
            byImage.entrySet().stream()
                    .sorted(
                            Comparator.comparingLong(
                                            (Map.Entry<String, LongList[]> e) -> pixels(e.getKey()))
                                    .thenComparing(Map.Entry::getKey))
                    .forEach(
                            e ->
                                    images.put(
                                            e.getKey(),
                                            new TargetSummary.ImageTimes(
                                                    e.getKey(),
                                                    pixels(e.getKey()),
                                                    Distribution.of(e.getValue()[0].toArray()),
                                                    Distribution.of(e.getValue()[1].toArray()))));
            // Zero-filled: a second in which nothing was answered is a second of zero goodput.
            List<TargetSummary.Second> seconds = new ArrayList<>();
            long first = perSecond.isEmpty() ? 0 : perSecond.firstKey();
            long last = perSecond.isEmpty() ? -1 : perSecond.lastKey();
            for (long sec = first; sec <= last; sec++) {
                long[] c = perSecond.getOrDefault(sec, new long[6]);
                seconds.add(
                        new TargetSummary.Second(
                                (int) (sec - first),
                                c[0],
                                c[1],
                                c[2],
                                c[3],
                                c[1] == 0 ? 0 : c[4] / (double) c[1],
                                c[5]));
            }
            int firstSteadySecond =
                    (int) Math.max(0, (split.steadyFromMillis() + 999) / 1000 - first);
            long[] rt = roundTrip.toArray();
            long[] cloudRt = cloudRoundTrip.toArray();
            Distribution roundTripDist = Distribution.of(rt); // sorts rt
            return new TargetSummary(
                    target,
                    samples,
                    successes,
                    errors,
                    throttles,
                    colds,
                    window,
                    samples / steadyWindow,
                    successes / steadyWindow,
                    samples == 0 ? 0 : successes / (double) samples,
                    roundTripDist,
                    Distribution.of(latency.toArray()),
                    Distribution.of(connect.toArray()),
                    Distribution.of(process.toArray()),
                    Distribution.of(overhead.toArray()),
                    Distribution.of(coldRoundTrip.toArray()),
                    Distribution.of(refusalRoundTrip.toArray()),
                    Distribution.of(errorRoundTrip.toArray()),
                    images,
                    List.copyOf(seconds),
                    rt,
                    resources,
                    scheduled == 0 && !plan.known()
                            ? Arrivals.CLOSED_LOOP
                            : new Arrivals(
                                    plan, scheduled, late, Distribution.of(sendLag.toArray())),
                    successes == 0 ? Double.NaN : successBytes / (double) successes,
                    new TargetSummary.Phase(
                            split.steadyFromMillis(),
                            split.startupSeconds(),
                            split.steadySeconds(),
                            startupRequests,
                            startupThrottles,
                            steadyColds,
                            firstSteadySecond),
                    TimeBatches.of(
                            steadyStarts.toArray(),
                            steadyOutcomes.toArray(),
                            steadyCloudOutcomes.toArray(),
                            split.steadyFromMillis(),
                            split.endMillis(),
                            w),
                    busyPeriods(),
                    largestSent,
                    Distribution.of(cloudRt), // sorts cloudRt
                    cloudRt);
        }
    }
}
