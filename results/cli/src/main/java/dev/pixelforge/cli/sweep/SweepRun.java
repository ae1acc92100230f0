package dev.pixelforge.cli.sweep;

import dev.pixelforge.cli.compare.ComparisonRun;
import dev.pixelforge.load.jmeter.RunFolder;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.report.sweep.SizeChoice;
import dev.pixelforge.report.sweep.SweepReport;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

/**
 * A sweep: every step a comparison of one target at one size (the same load each time), into one
 * folder with a sub-folder per step, then the sweep's own files from that folder ({@link
 * SweepReport}). Steps run one after another, so each has the machine, or the cloud, to itself.
 */
public final class SweepRun {

    private SweepRun() {}

    /**
     * How a step is measured into its folder: a comparison against local stand-ins of that size or
     * a resized deployment ({@link #comparing}), or a simulation from a calibration of that size.
     */
    public interface StepRunner {
        void run(SweepStep step, Path stepDir, PrintStream out)
                throws IOException, InterruptedException, TimeoutException;
    }

    /**
     * What runs before a step's load and what it sends the load to: local stand-ins of that size,
     * or a resized deployment.
     */
    public interface StepTargets {
        /** Called before the step's load: a deployed target is resized here. */
        void prepare(SweepStep step, PrintStream out) throws IOException, InterruptedException;

        ComparisonRun.Opener opener(SweepStep step) throws IOException;
    }

    /** Each step a comparison: {@code targets} prepared, then the step's load sent to them. */
    public static StepRunner comparing(StepTargets targets) {
        return (step, stepDir, out) -> {
            targets.prepare(step, out);
            ComparisonRun.execute(step.spec(), targets.opener(step), out, stepDir);
        };
    }

    /** Runs {@code steps} into a new sweep folder under {@code runsDir} and returns it. */
    public static Path execute(
            List<SweepStep> steps,
            StepRunner runner,
            Properties manifest,
            Path runsDir,
            PrintStream out)
            throws IOException, InterruptedException, TimeoutException {
        Path sweepDir =
                RunFolder.newFolder(
                        runsDir, LocalDateTime.now(), "sweep-" + steps.get(0).spec().load().name());
        StringBuilder names = new StringBuilder();
        for (SweepStep s : steps) {
            names.append(names.length() == 0 ? "" : ",").append(s.size().folder());
            manifest.setProperty("step." + s.size().folder() + ".size", s.size().label());
        }
        manifest.setProperty("steps", names.toString());
        try (Writer w = Files.newBufferedWriter(sweepDir.resolve(SweepReport.MANIFEST))) {
            manifest.store(w, "what this sweep was: its steps in the order they ran");
        }
        out.println("sweep folder: " + sweepDir);
        SweepProgress progress =
                new SweepProgress(
                        steps.size(),
                        Duration.ofSeconds(steps.get(0).spec().load().durationSeconds()));
        long started = System.nanoTime();
        for (SweepStep step : steps) {
            out.println(progress.line(step));
            long t0 = System.nanoTime();
            runner.run(step, sweepDir.resolve(step.size().folder()), out);
            progress.stepDone(Duration.ofNanos(System.nanoTime() - t0));
        }
        SweepReport.Result result = SweepReport.write(sweepDir);
        out.println();
        out.print(console(result));
        out.printf(
                Locale.ROOT,
                "sweep of %d steps took %s%n",
                steps.size(),
                SweepProgress.human(Duration.ofNanos(System.nanoTime() - started)));
        out.println(
                "sweep: "
                        + sweepDir.resolve(RunLayout.SWEEP_HTML)
                        + " and "
                        + sweepDir.resolve(RunLayout.SWEEP_CSV));
        return sweepDir;
    }

    /** The choices, a line each, for the console. */
    public static String console(SweepReport.Result result) {
        StringBuilder sb = new StringBuilder("best size per target:\n");
        result.choices()
                .forEach(
                        (target, choices) -> {
                            for (SizeChoice c : choices) {
                                sb.append(
                                        String.format(
                                                Locale.ROOT,
                                                "  %-13s %-8s %s%n",
                                                target,
                                                c.strategy().id(),
                                                c.best() == null ? "none: " + c.why() : c.why()));
                            }
                        });
        result.caveats().forEach(c -> sb.append("warning: ").append(c).append('\n'));
        return sb.toString();
    }
}
