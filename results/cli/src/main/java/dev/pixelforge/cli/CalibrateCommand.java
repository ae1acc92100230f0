package dev.pixelforge.cli;

import dev.pixelforge.cli.simulate.Calibrator;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.Target;
import dev.pixelforge.simulate.TargetCalibration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Measures what {@code simulate} draws from ({@link Calibrator}) and makes it the current
 * calibration, the one {@code simulate} uses unless given another.
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
            names = "--warm-seconds",
            defaultValue = "120",
            description =
                    "Seconds of one-thread load in the first round, whose instance's second half"
                            + " gives every warm figure: its JIT settled (default 120).")
    int warmSeconds;

    @Option(
            names = "--seconds",
            defaultValue = "15",
            description =
                    "Seconds of one-thread load in each other round: a cold start (default 15).")
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
        Calibrator.Plan plan;
        try {
            List<Target> targets = new ArrayList<>();
            for (String n : targetNames) {
                targets.add(Target.of(n.trim()));
            }
            plan =
                    new Calibrator.Plan(
                            targets.isEmpty() ? List.of(Target.values()) : targets,
                            Operation.of(operation),
                            rounds,
                            seconds,
                            warmSeconds,
                            overrides);
        } catch (IllegalArgumentException e) {
            System.err.println("pixelforge calibrate: " + e.getMessage());
            return 2;
        }
        Path runsDir = (runs != null ? runs : root.resolve("results/runs")).toAbsolutePath();
        Calibrator.Result result;
        try {
            result =
                    new Calibrator(
                                    root,
                                    root.resolve("results/platform.properties"),
                                    runsDir,
                                    System.out)
                            .calibrate(plan, force);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("pixelforge calibrate: " + e.getMessage());
            return 2;
        }
        Path current = runsDir.resolve(CURRENT);
        Files.createDirectories(current.getParent());
        Files.copy(result.file(), current, StandardCopyOption.REPLACE_EXISTING);
        if (!result.measured()) {
            System.out.println(
                    "calibration is fresh (same deployables, JDK, profile): " + result.file());
        }
        for (TargetCalibration t : result.calibration().targets().values()) {
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
}
