package dev.pixelforge.cli;

import dev.pixelforge.cli.compare.ComparisonRun;
import dev.pixelforge.cli.compare.LocalTargets;
import dev.pixelforge.cli.compare.RunSpec;
import dev.pixelforge.cli.simulate.CalibrationKey;
import dev.pixelforge.cli.simulate.RunFolderCalibration;
import dev.pixelforge.load.jmeter.LoadRunner;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.simulate.Calibration;
import dev.pixelforge.simulate.TargetCalibration;
import dev.pixelforge.standins.Deployables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Measures what {@code simulate} draws from: each target's real deployable on its stand-in, in its
 * platform's CPU quota, undilated, one instance serving one request at a time; a fresh stand-in per
 * round, so each round gives one cold start. Cached by the deployables' hashes, the JDK, the
 * profile and the calibration's load: a calibration that no longer matches is remade.
 */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description =
                "Measure each target's cold starts and warm process times, undilated, one instance"
                        + " at a time, for ./pixelforge simulate.")
final class CalibrateCommand implements Callable<Integer> {

    /** Where the current calibration is kept, under the runs folder. */
    static final String CURRENT = "calibration/current.properties";

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Fresh stand-ins per target, so cold starts measured (default 3).")
    int rounds;

    @Option(
            names = "--seconds",
            defaultValue = "30",
            description = "Seconds of one-thread load per round (default 30).")
    int seconds;

    @Option(
            names = "--operation",
            defaultValue = "tone-json",
            description = "tone-json (default), tone or generate.")
    String operation;

    @Option(names = "--targets", split = ",", description = "Which targets (default: all three).")
    List<String> targetNames = new ArrayList<>();

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a platform profile key (a size to calibrate).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--force", description = "Measure again even when the calibration is fresh.")
    boolean force;

    @Option(
            names = "--root",
            defaultValue = ".",
            description = "Repository root (default: the current directory).")
    Path root;

    @Option(names = "--runs", description = "Where run folders go (default: results/runs).")
    Path runs;

    @Override
    public Integer call() throws Exception {
        List<Target> targets = new ArrayList<>();
        LoadProfile load;
        PlatformProfile platform;
        Map<String, String> key;
        try {
            for (String n : targetNames) {
                targets.add(Target.of(n.trim()));
            }
            if (targets.isEmpty()) {
                targets.addAll(List.of(Target.values()));
            }
            if (rounds < 1 || seconds < 5) {
                throw new IllegalArgumentException("--rounds 1 or more, --seconds 5 or more");
            }
            load =
                    new LoadProfile(
                            "calibrate", 1, 0, seconds, Operation.of(operation), Long.MAX_VALUE);
            Map<String, String> oneAtATime = new LinkedHashMap<>(overrides);
            oneAtATime.put("aws-lambda.reserved-concurrency", "1");
            oneAtATime.put("gcp-function.max-instances", "1");
            oneAtATime.put("container.max-instances", "1");
            Path profileFile = root.resolve("results/platform.properties");
            platform = PlatformProfile.load(profileFile, oneAtATime);
            key =
                    CalibrationKey.of(
                            Deployables.under(root).check(),
                            Files.readString(profileFile) + "\n" + oneAtATime,
                            String.format(
                                    Locale.ROOT,
                                    "%s, 1 thread, %d s x %d rounds, targets %s",
                                    operation,
                                    seconds,
                                    rounds,
                                    targets.stream().map(Target::id).toList()));
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            System.err.println("pixelforge calibrate: " + e.getMessage());
            return 2;
        }
        Path runsDir = (runs != null ? runs : root.resolve("results/runs")).toAbsolutePath();
        Path current = runsDir.resolve(CURRENT);
        if (!force && Files.exists(current)) {
            Calibration stored = Calibration.read(current);
            if (CalibrationKey.stale(stored.provenance(), key).isEmpty()) {
                System.out.println(
                        "calibration is fresh (same deployables, JDK, profile): " + current);
                return 0;
            }
        }
        Path dir = runsDir.resolve("calibration").resolve(key.get("key").substring(0, 12));
        List<Calibration> parts = new ArrayList<>();
        TargetCalibration refusals = null;
        for (int r = 1; r <= rounds; r++) {
            System.out.printf(Locale.ROOT, "== round %d of %d%n", r, rounds);
            Path roundDir = dir.resolve("round-" + r);
            undilatedRun(load, platform, targets, dir, roundDir);
            parts.add(RunFolderCalibration.of(roundDir, targets));
        }
        if (targets.contains(Target.AWS_LAMBDA)) {
            // One thread per slot never meets a refusal: a short round of two threads against
            // Lambda's one environment measures how long API Gateway's answer to a throttle takes.
            System.out.println("== refusals: aws-lambda, 2 threads against reserved concurrency 1");
            Path refusalDir = dir.resolve("refusals");
            undilatedRun(
                    load.withThreads(2).withDuration(Math.min(seconds, 15)),
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
        Calibration merged = Calibration.merge(parts, provenance);
        if (refusals != null) {
            merged = merged.with(merged.of(Target.AWS_LAMBDA).withRefusalsOf(refusals));
        }
        merged.write(dir.resolve("calibration.properties"));
        merged.write(current);
        for (TargetCalibration t : merged.targets().values()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %d cold starts, ready p50 %.0f ms; first request p50 %.0f ms;"
                            + " %d images, %d warm requests%n",
                    t.target().id(),
                    t.readyMicros().size(),
                    t.readyMicros().quantile(0.5) / 1e3,
                    t.firstAppMicros().quantile(0.5) / 1e3,
                    t.images().size(),
                    t.images().values().stream().mapToInt(i -> i.appMicros().size()).sum());
        }
        System.out.println("calibration: " + current);
        return 0;
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
                                System.out),
                System.out,
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
