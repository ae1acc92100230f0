package dev.pixelforge.cli.simulate;

import dev.pixelforge.cli.compare.ComparisonRun;
import dev.pixelforge.cli.compare.LocalTargets;
import dev.pixelforge.cli.compare.RunSpec;
import dev.pixelforge.load.jmeter.LoadRunner;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.simulate.Calibration;
import dev.pixelforge.simulate.TargetCalibration;
import dev.pixelforge.standins.Deployables;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Measures what the simulator draws from: each target's real deployable on its stand-in, in its
 * platform's CPU quota, undilated, one instance serving one request at a time; a fresh stand-in per
 * round, so each round gives one cold start; for Lambda a short round of two threads against one
 * environment, for its refusals.
 *
 * <p>The first round is long and gives every warm figure, from its instance's second half of warm
 * requests; the other rounds are short and add cold starts. An instance's JIT takes about a minute
 * of one-thread load to settle: in the agreement run of 6 Dec 2026, 00:35 UTC, Lambda's 8K image
 * (0.434 vCPU) went from 1.6-1.7 s to 1.26 s over its environments' first 50 s, and three 30 s
 * rounds never got there (1.36-2.16 s; the smallest images' round trips 21-29 ms there, 13-20 ms in
 * the 120 s run they were to predict). Kept under {@code <runs>/calibration/<key>/}, keyed by the
 * deployables' hashes, the JDK, the profile with its overrides (a size) and the calibration's load:
 * a kept one whose key still matches is used again, any other is measured anew.
 */
public final class Calibrator {

    /**
     * What to calibrate.
     *
     * @param rounds fresh stand-ins per target, each a cold start: the first for {@code
     *     warmSeconds}, the others for {@code seconds}
     * @param overrides profile keys over {@code results/platform.properties}: a size to calibrate
     */
    public record Plan(
            List<Target> targets,
            Operation operation,
            int rounds,
            int seconds,
            int warmSeconds,
            Map<String, String> overrides) {
        public Plan {
            targets = List.copyOf(targets);
            overrides = Map.copyOf(overrides);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("a calibration needs a target");
            }
            if (rounds < 1 || seconds < 5 || warmSeconds < 5) {
                throw new IllegalArgumentException(
                        "--rounds 1 or more, --seconds and --warm-seconds 5 or more");
            }
        }
    }

    /**
     * @param measured false when a kept calibration with the same key was used again
     */
    public record Result(Calibration calibration, Path file, boolean measured) {}

    private final Path root;
    private final Path profileFile;
    private final Path runsDir;
    private final PrintStream out;

    /**
     * @param profileFile the platform profile the plan's overrides go over
     */
    public Calibrator(Path root, Path profileFile, Path runsDir, PrintStream out) {
        this.root = root;
        this.profileFile = profileFile;
        this.runsDir = runsDir.toAbsolutePath();
        this.out = out;
    }

    /** {@code plan}'s calibration: the kept one if its key still matches, unless {@code force}. */
    public Result calibrate(Plan plan, boolean force)
            throws IOException, InterruptedException, TimeoutException {
        LoadProfile load =
                new LoadProfile(
                        "calibrate", 1, 0, plan.seconds(), plan.operation(), Long.MAX_VALUE);
        LoadProfile warm = load.withDuration(plan.warmSeconds());
        Map<String, String> oneAtATime = new LinkedHashMap<>(plan.overrides());
        oneAtATime.put("aws-lambda.reserved-concurrency", "1");
        oneAtATime.put("gcp-function.max-instances", "1");
        oneAtATime.put("container.max-instances", "1");
        PlatformProfile platform = PlatformProfile.load(profileFile, oneAtATime);
        Map<String, String> key =
                CalibrationKey.of(
                        Deployables.under(root).check(),
                        Files.readString(profileFile) + "\n" + new TreeMap<>(oneAtATime),
                        String.format(
                                Locale.ROOT,
                                "%s, 1 thread, %d s then %d s x %d rounds, targets %s",
                                plan.operation().id(),
                                plan.warmSeconds(),
                                plan.seconds(),
                                plan.rounds() - 1,
                                plan.targets().stream().map(Target::id).toList()));
        Path dir = runsDir.resolve("calibration").resolve(key.get("key").substring(0, 12));
        Path file = dir.resolve("calibration.properties");
        if (!force && Files.exists(file)) {
            try {
                Calibration kept = Calibration.read(file);
                if (CalibrationKey.stale(kept.provenance(), key).isEmpty()) {
                    return new Result(kept, file, false);
                }
            } catch (IOException olderFormat) {
                out.println("measuring again: " + olderFormat.getMessage());
            }
        }
        List<Calibration> parts = new ArrayList<>();
        for (int r = 1; r <= plan.rounds(); r++) {
            out.printf(
                    Locale.ROOT,
                    "== calibration round %d of %d (%s)%n",
                    r,
                    plan.rounds(),
                    r == 1 ? "warm figures and a cold start" : "a cold start");
            Path roundDir = dir.resolve("round-" + r);
            undilatedRun(r == 1 ? warm : load, platform, plan.targets(), dir, roundDir);
            parts.add(RunFolderCalibration.of(roundDir, plan.targets()));
        }
        TargetCalibration refusals = null;
        if (plan.targets().contains(Target.AWS_LAMBDA)) {
            // One thread per slot never meets a refusal: a short round of two threads against
            // Lambda's one environment measures how long API Gateway's answer to a throttle takes,
            // per image (ImageCalibration: the front's time before it asks for an environment).
            out.println("== refusals: aws-lambda, 2 threads against reserved concurrency 1");
            Path refusalDir = dir.resolve("refusals");
            undilatedRun(
                    load.withThreads(2).withDuration(Math.min(plan.seconds(), 15)),
                    platform,
                    List.of(Target.AWS_LAMBDA),
                    dir,
                    refusalDir);
            refusals =
                    RunFolderCalibration.of(refusalDir, List.of(Target.AWS_LAMBDA))
                            .of(Target.AWS_LAMBDA);
        }
        Map<String, String> provenance = new LinkedHashMap<>(key);
        provenance.put("source", "./pixelforge calibrate: the deployables on their stand-ins");
        provenance.put("date", ZonedDateTime.now(ZoneOffset.UTC).toString());
        provenance.put("machine", machine());
        Calibration pooled = Calibration.merge(parts, provenance);
        Calibration merged = new Calibration(provenance, Map.of());
        for (Target t : plan.targets()) {
            merged = merged.with(parts.get(0).of(t).withColdStartsOf(pooled.of(t)));
        }
        if (refusals != null) {
            merged = merged.with(merged.of(Target.AWS_LAMBDA).withRefusalsOf(refusals));
        }
        merged.write(file);
        return new Result(merged, file, true);
    }

    /** One compare of {@code targets} on fresh stand-ins, undilated, into {@code runDir}. */
    private void undilatedRun(
            LoadProfile load,
            PlatformProfile platform,
            List<Target> targets,
            Path runsDir,
            Path runDir)
            throws IOException, InterruptedException, TimeoutException {
        if (Files.exists(runDir)) {
            deleteTree(runDir);
        }
        ComparisonRun.execute(
                new RunSpec(
                        load,
                        platform,
                        runsDir,
                        root.resolve("results/pricing.properties"),
                        new LoadRunner.Outputs(false, false),
                        null,
                        null),
                folder ->
                        LocalTargets.start(
                                Deployables.under(root),
                                platform,
                                "1",
                                load.threads(),
                                targets,
                                folder.resolve("local"),
                                out),
                out,
                runDir);
    }

    private static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host (" + e.getMessage() + ")";
        }
        return host
                + ", "
                + Runtime.getRuntime().availableProcessors()
                + " cores, load average at the end "
                + loadAverage();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.delete(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
    }
}
