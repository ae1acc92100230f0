package dev.pixelforge.simulate;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.sample.Sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A calibration from a run's own records: its samples (process times per image, cold ones apart;
 * bytes each way; refusals' round trips), its instances (spawn to ready) and, from the stand-ins,
 * each request's lease on its instance (the platform's duration). A run on the clouds gives the
 * platforms' own distributions; a local run at dilation k has its process, lease and start-up times
 * divided by k, while the front's time, which k does not slow, is kept as measured.
 *
 * <p>Warm figures come from each instance's second half of warm requests only ({@link #warmingUp}):
 * the first half is its JIT still at work.
 *
 * <p>Leases pair with samples one to one only when requests never overlapped: one load thread, one
 * instance slot, as {@code ./pixelforge calibrate} runs. Then each request's time splits three
 * ways: its process time ({@code app}), the rest of its lease ({@code hold}: the runtime's work,
 * the slot still taken), and the rest of its round trip (the front and loopback). Without leases,
 * or when they overlap, the hold is 0 and the front's time holds the runtime's work too.
 */
public final class RunCalibration {

    /** What one target ran at. */
    public record Conditions(double cpus, double dilation) {}

    /** One request's hold on its instance, as the stand-ins record it. */
    public record Lease(Target target, long startEpochMicros, long micros) {}

    private final Map<Target, Conditions> conditions;
    private final Map<Target, Collected> collected = new EnumMap<>(Target.class);

    private static final class Collected {
        final List<Sample> successes = new ArrayList<>();
        final List<Long> refusal = new ArrayList<>();
        final Map<String, List<Long>> refusalByImage = new LinkedHashMap<>();
        final List<Long> ready = new ArrayList<>();
        final List<Lease> leases = new ArrayList<>();
    }

    public RunCalibration(Map<Target, Conditions> conditions) {
        this.conditions = Map.copyOf(conditions);
    }

    private Collected of(Target t) {
        return collected.computeIfAbsent(t, x -> new Collected());
    }

    /** One sample of the run: a target's successes with a process time, and its refusals. */
    public void accept(Sample s) {
        Target t = Target.of(s.target());
        if (!conditions.containsKey(t)) {
            return;
        }
        if (s.throttled()) {
            of(t).refusal.add(s.roundTripMicros());
            of(t).refusalByImage
                    .computeIfAbsent(s.image(), x -> new ArrayList<>())
                    .add(s.roundTripMicros());
        } else if (s.success() && s.appMicros() >= 0) {
            of(t).successes.add(s);
        }
    }

    /** One instance of the run: its spawn-to-ready time. */
    public void accept(InstanceRecord r) {
        Conditions c = conditions.get(r.target());
        if (c != null && r.readyMillis() > 0) {
            of(r.target()).ready.add(Math.round(r.readyMillis() * 1000 / c.dilation()));
        }
    }

    public void accept(Lease lease) {
        if (conditions.containsKey(lease.target())) {
            of(lease.target()).leases.add(lease);
        }
    }

    /**
     * The calibration, with {@code provenance}; a target with no warm success, no cold start or no
     * instance's start-up time cannot be calibrated, and the message says which is missing.
     */
    public Calibration calibration(Map<String, String> provenance) {
        Map<Target, TargetCalibration> targets = new EnumMap<>(Target.class);
        Map<String, String> said = new LinkedHashMap<>(provenance);
        for (Map.Entry<Target, Conditions> e : conditions.entrySet()) {
            Target t = e.getKey();
            double k = e.getValue().dilation();
            Collected c = collected.get(t);
            String missing =
                    c == null || c.successes.stream().noneMatch(s -> !Boolean.TRUE.equals(s.cold()))
                            ? "no warm successful request"
                            : c.successes.stream().noneMatch(s -> Boolean.TRUE.equals(s.cold()))
                                    ? "no cold start"
                                    : c.ready.isEmpty() ? "no instance's start-up time" : null;
            if (missing != null) {
                throw new IllegalArgumentException(
                        t.id() + " cannot be calibrated from this run: it has " + missing);
            }
            List<Sample> inOrder = new ArrayList<>(c.successes);
            inOrder.sort(Comparator.comparingLong(Sample::startEpochMillis));
            List<Lease> leases = new ArrayList<>(c.leases);
            leases.sort(Comparator.comparingLong(Lease::startEpochMicros));
            boolean paired = leases.size() == inOrder.size() && !overlapping(leases);
            said.put(
                    "hold." + t.id(),
                    paired
                            ? "each request's lease paired with its sample: hold = lease - app"
                            : "no one-to-one leases ("
                                    + leases.size()
                                    + " leases, "
                                    + inOrder.size()
                                    + " successes): hold 0, the front's time holds the runtime's");
            Map<String, List<Long>> app = new LinkedHashMap<>();
            Map<String, List<Long>> hold = new LinkedHashMap<>();
            Map<String, List<Long>> pixel = new LinkedHashMap<>();
            Map<String, List<Long>> up = new LinkedHashMap<>();
            Map<String, List<Long>> down = new LinkedHashMap<>();
            List<Long> first = new ArrayList<>();
            List<Long> front = new ArrayList<>();
            Map<String, List<Long>> frontByImage = new LinkedHashMap<>();
            boolean[] warmingUp = warmingUp(inOrder);
            for (int i = 0; i < inOrder.size(); i++) {
                Sample s = inOrder.get(i);
                if (warmingUp[i]) {
                    continue;
                }
                long leaseMicros = paired ? leases.get(i).micros() : s.appMicros();
                long appCloud = Math.round(s.appMicros() / k);
                long holdCloud = Math.round(Math.max(0, leaseMicros - s.appMicros()) / k);
                if (Boolean.TRUE.equals(s.cold())) {
                    first.add(appCloud + holdCloud);
                    continue;
                }
                app.computeIfAbsent(s.image(), x -> new ArrayList<>()).add(appCloud);
                hold.computeIfAbsent(s.image(), x -> new ArrayList<>()).add(holdCloud);
                pixel.computeIfAbsent(s.image(), x -> new ArrayList<>())
                        .add(Math.min(appCloud, Math.round(pixelMicros(s) / k)));
                up.computeIfAbsent(s.image(), x -> new ArrayList<>()).add(s.sentBytes());
                down.computeIfAbsent(s.image(), x -> new ArrayList<>()).add(s.bytes());
                long frontMicros =
                        Math.max(0, s.roundTripMicros() - Math.max(leaseMicros, s.appMicros()));
                front.add(frontMicros);
                frontByImage.computeIfAbsent(s.image(), x -> new ArrayList<>()).add(frontMicros);
            }
            Map<String, ImageCalibration> images = new LinkedHashMap<>();
            app.forEach(
                    (image, times) -> {
                        List<Long> refused = c.refusalByImage.get(image);
                        images.put(
                                image,
                                new ImageCalibration(
                                        image,
                                        median(up.get(image)),
                                        median(down.get(image)),
                                        Distribution.of(array(times)),
                                        Distribution.of(array(hold.get(image))),
                                        Distribution.of(array(pixel.get(image))),
                                        Distribution.of(array(frontByImage.get(image))),
                                        refused == null
                                                ? Optional.empty()
                                                : Optional.of(Distribution.of(array(refused)))));
                    });
            targets.put(
                    t,
                    new TargetCalibration(
                            t,
                            e.getValue().cpus(),
                            Distribution.of(array(c.ready)),
                            Distribution.of(array(first)),
                            Distribution.of(array(front)),
                            Distribution.of(array(c.refusal.isEmpty() ? front : c.refusal)),
                            images));
        }
        return new Calibration(said, targets);
    }

    /**
     * The first half of each instance's warm requests, in time order: its JIT still compiling.
     * Measured in the calibration of 6 Dec 2026 (three 30 s rounds a target, one instance each),
     * each request's process time against its image's median over the round, by thirds of the
     * round: Cloud Functions 1.88-2.99x, 1.05-1.10x, 0.90-1.10x; Lambda 1.89-2.31x, 0.90-1.18x,
     * 0.97-1.16x; the container 1.51-1.60x, 1.02-1.10x, 0.91-1.00x. Counted in, the first third
     * made every warm time slower than the emulated steady state serves it (Cloud Functions' mean
     * process time 10 to 40% over the emulator's, image by image). The simulator draws a warm
     * instance's times: warm-up is left out of it, as the steady state leaves it behind.
     */
    static boolean[] warmingUp(List<Sample> inOrder) {
        Map<String, Integer> warm = new LinkedHashMap<>();
        for (Sample s : inOrder) {
            if (!Boolean.TRUE.equals(s.cold())) {
                warm.merge(s.instance(), 1, Integer::sum);
            }
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        boolean[] skip = new boolean[inOrder.size()];
        for (int i = 0; i < inOrder.size(); i++) {
            Sample s = inOrder.get(i);
            if (!Boolean.TRUE.equals(s.cold())) {
                int n = seen.merge(s.instance(), 1, Integer::sum);
                skip[i] = n <= warm.get(s.instance()) / 2;
            }
        }
        return skip;
    }

    /** Decode, tone (or generate) and encode, or the whole process time if one was not timed. */
    private static long pixelMicros(Sample s) {
        if (s.decodeMicros() < 0 || s.workMicros() < 0 || s.encodeMicros() < 0) {
            return s.appMicros();
        }
        return s.decodeMicros() + s.workMicros() + s.encodeMicros();
    }

    private static boolean overlapping(List<Lease> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            Lease before = sorted.get(i - 1);
            if (sorted.get(i).startEpochMicros() < before.startEpochMicros() + before.micros()) {
                return true;
            }
        }
        return false;
    }

    private static long[] array(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static long median(List<Long> values) {
        return Distribution.of(array(values)).quantile(0.5);
    }
}
