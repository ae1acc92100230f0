package dev.pixelforge.cli.simulate;

import dev.pixelforge.load.arrivals.ArrivalRate;
import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.platform.sample.InstanceLog;
import dev.pixelforge.platform.sample.Sample;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.simulate.ArrivalSchedule;
import dev.pixelforge.simulate.Calibration;
import dev.pixelforge.simulate.Network;
import dev.pixelforge.simulate.Simulation;
import dev.pixelforge.simulate.Workload;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One simulated run: each target's load through the platform's rules on a virtual clock, recorded
 * into a run folder of the same shape as an emulated or deployed one ({@code samples.csv}, {@code
 * instances.csv}, {@code run.properties}), marked simulated, with the calibration's provenance and
 * the seed, so that {@code ./pixelforge report} makes the same report from it.
 */
public final class SimulatedRun {

    /** How requests arrive in an open loop at the profile's rate. */
    public enum Arrivals {
        /** Evenly spaced, as compare's --rate sends them. */
        EVEN,
        /** A Poisson process at each step's rate: exponential gaps, seeded. */
        POISSON
    }

    /**
     * @param trace due times in seconds from the start, one per line, or null
     */
    public record Spec(
            LoadProfile load,
            PlatformProfile platform,
            List<Target> targets,
            Calibration calibration,
            Network network,
            long seed,
            Arrivals arrivals,
            long[] traceNanos) {}

    /**
     * Samples a simulated target keeps at most: past this, one request in N is written (every N-th
     * answered, so that they spread evenly over the run), the report counts each kept one N times
     * and says so. An hour at 10,000 requests a second would otherwise write 36 million lines.
     */
    static final long MOST_SAMPLES = 1_000_000;

    private SimulatedRun() {}

    /** One in how many samples of {@code t} to keep: 1 unless its plan is over MOST_SAMPLES. */
    static long keepOneIn(Spec spec) {
        long planned =
                spec.traceNanos() != null
                        ? spec.traceNanos().length
                        : spec.load().openLoop() ? spec.load().arrivals().arrivals() : 0;
        return Math.max(1, (planned + MOST_SAMPLES - 1) / MOST_SAMPLES);
    }

    /**
     * The requests an open loop's schedule at a rate holds: the even schedule's count, or the
     * Poisson draws counted (the same draws every target gets), so that the report's "arrivals
     * planned" is what was due rather than the rate's mean.
     */
    static long plannedArrivals(Spec spec) {
        if (spec.arrivals() != Arrivals.POISSON) {
            return spec.load().arrivals().arrivals(); // exact, without walking the schedule
        }
        PrimitiveIterator.OfLong due = schedule(spec).get();
        long n = 0;
        while (due.hasNext()) {
            due.nextLong();
            n++;
        }
        return n;
    }

    public static void execute(Spec spec, List<StudyImage> images, Path runDir, PrintStream out)
            throws IOException {
        List<String> names = names(spec.load().operation(), images);
        List<InstanceRecord> instances = new ArrayList<>();
        long epochMillis = System.currentTimeMillis();
        long oneIn = keepOneIn(spec);
        if (oneIn > 1) {
            out.printf(
                    Locale.ROOT,
                    "over %,d requests per target: keeping one sample in %d (the report counts each"
                            + " %d times)%n",
                    MOST_SAMPLES,
                    oneIn,
                    oneIn);
        }
        try (SampleLog log = SampleLog.appendTo(runDir.resolve(RunLayout.SAMPLES))) {
            for (Target t : spec.targets()) {
                long started = System.nanoTime();
                long[] answered = {0};
                Consumer<Sample> keep =
                        oneIn == 1
                                ? log::append
                                : sample -> {
                                    if (answered[0]++ % oneIn == 0) {
                                        log.append(sample);
                                    }
                                };
                Simulation.Outcome outcome =
                        Simulation.run(
                                spec.platform().of(t),
                                spec.calibration().of(t),
                                workload(spec, names),
                                spec.network(),
                                spec.seed() + t.ordinal(),
                                epochMillis,
                                keep);
                instances.addAll(outcome.instances());
                out.printf(
                        Locale.ROOT,
                        "%-12s %d s simulated in %.1f s: %d requests, %d throttles, %d instances%n",
                        t.id(),
                        spec.load().durationSeconds(),
                        (System.nanoTime() - started) / 1e9,
                        outcome.samples(),
                        outcome.throttles(),
                        outcome.instances().size());
            }
        }
        InstanceLog.write(runDir.resolve(RunLayout.INSTANCES), instances);
        RunManifest about = about(spec, images);
        if (oneIn > 1) {
            spec.targets().forEach(t -> about.put(RunManifest.SAMPLES_KEPT_ONE_IN + t.id(), oneIn));
        }
        about.write(runDir);
    }

    private static List<String> names(Operation operation, List<StudyImage> images) {
        return operation == Operation.GENERATE
                ? List.of("generate-256")
                : images.stream().map(StudyImage::name).toList();
    }

    static Workload workload(Spec spec, List<String> names) {
        LoadProfile load = spec.load();
        String op = load.operation().id();
        long duration = load.durationSeconds() * 1_000_000_000L;
        if (spec.traceNanos() != null) {
            long[] trace = spec.traceNanos();
            return Workload.OpenLoop.of(op, names, trace, load.threads(), duration);
        }
        if (!load.openLoop()) {
            return new Workload.ClosedLoop(
                    op,
                    names,
                    load.threads(),
                    load.rampSeconds() * 1_000_000_000L,
                    duration,
                    load.thinkMillis() * 1_000_000L);
        }
        return new Workload.OpenLoop(op, names, schedule(spec), load.threads(), duration);
    }

    /** The open loop's due times at the profile's rate, evenly spaced or Poisson. */
    private static Supplier<PrimitiveIterator.OfLong> schedule(Spec spec) {
        ArrivalRate rate = spec.load().arrivals();
        return spec.arrivals() == Arrivals.POISSON
                ? () -> ArrivalSchedule.poisson(steps(rate), new SplittableRandom(spec.seed()))
                : () -> even(rate);
    }

    private static List<ArrivalSchedule.Step> steps(ArrivalRate rate) {
        return rate.steps().stream()
                .map(s -> new ArrivalSchedule.Step(s.perSecond(), s.seconds()))
                .toList();
    }

    private static PrimitiveIterator.OfLong even(ArrivalRate rate) {
        return new PrimitiveIterator.OfLong() {
            long n;

            @Override
            public boolean hasNext() {
                return n < rate.arrivals();
            }

            @Override
            public long nextLong() {
                return rate.dueNanos(n++);
            }
        };
    }

    private static RunManifest about(Spec spec, List<StudyImage> images) {
        RunManifest about = RunManifest.empty();
        about.put(RunManifest.SIMULATED, true);
        about.put(RunManifest.SIMULATION_SEED, spec.seed());
        about.put(RunManifest.SIMULATION_NETWORK, describe(spec.network()));
        spec.calibration()
                .provenance()
                .forEach((k, v) -> about.put(RunManifest.CALIBRATION + k, v));
        about.put(RunManifest.PROFILE, spec.load().name());
        about.put(RunManifest.LOAD, spec.load().describe());
        about.put(RunManifest.RAMP_SECONDS, spec.load().rampSeconds());
        about.put(RunManifest.THINK_MILLIS, spec.load().thinkMillis());
        if (spec.load().openLoop()) {
            ArrivalRate rate = spec.load().arrivals();
            about.put(RunManifest.ARRIVALS, rate.describe());
            about.put(RunManifest.ARRIVALS_RATE, rate.meanPerSecond());
            about.put(RunManifest.ARRIVALS_MAX_THREADS, spec.load().threads());
            if (spec.traceNanos() == null) { // a trace's plan is its own, not the rate's
                // Each target's plan, as compare writes it for an undilated target (k = 1).
                long planned = plannedArrivals(spec);
                for (Target t : spec.targets()) {
                    String key = RunManifest.ARRIVALS_PER_TARGET + t.id() + ".";
                    about.put(key + RunManifest.ARRIVALS_SENT, rate.describe());
                    about.put(key + RunManifest.ARRIVALS_PLANNED, planned);
                    about.put(key + RunManifest.ARRIVALS_SECONDS, rate.seconds());
                    about.put(key + RunManifest.ARRIVALS_TARGET_RATE, rate.meanPerSecond());
                }
            }
        }
        about.put(
                RunManifest.IMAGES,
                images.size()
                        + " ("
                        + images.get(0).name()
                        + " to "
                        + images.get(images.size() - 1).name()
                        + ")");
        about.put(RunManifest.CLIENT, "simulated: " + describe(spec.network()));
        about.isolation(
                new RunManifest.Isolation(
                        true,
                        "simulated: each instance runs at its calibrated share by construction"));
        for (Target t : spec.targets()) {
            about.put(RunManifest.DILATION + t.id(), 1.0);
        }
        for (Target t : Target.values()) {
            about.put(RunManifest.MEMORY_MB + t.id(), spec.platform().of(t).memoryMb());
            about.put(RunManifest.CPUS + t.id(), spec.platform().of(t).cpus());
            about.put(RunManifest.CPU_RULE + t.id(), spec.platform().of(t).cpu().rule());
            if (t == Target.AWS_LAMBDA) {
                about.put(
                        RunManifest.RESERVED_CONCURRENCY + t.id(),
                        spec.platform().of(t).maxInstances());
            } else {
                about.put(
                        RunManifest.MIN_INSTANCES + t.id(),
                        spec.platform().of(t).scaling().minInstances());
                about.put(
                        RunManifest.BILLING + t.id(),
                        spec.platform().of(t).requestBasedBilling()
                                ? RunManifest.BILLING_REQUEST
                                : RunManifest.BILLING_INSTANCE);
            }
        }
        return about;
    }

    private static String describe(Network n) {
        return n == Network.LOOPBACK ? "loopback (the calibration's front time)" : n.name();
    }
}
