package dev.pixelforge.cli.sweep;

import dev.pixelforge.cli.simulate.Calibrator;
import dev.pixelforge.cli.simulate.SimulatedRun;
import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.images.StudyImageSet;
import dev.pixelforge.load.jmeter.RunFolder;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.simulate.Network;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * {@code sweep --simulate}: each step calibrated at its own size (the deployable on its stand-in,
 * undilated, one instance at a time; a calibration of that size kept from an earlier sweep is used
 * again while the deployables, JDK and profile are the same), then the sweep's load simulated on it
 * into the step's folder, which the sweep's report reads like an emulated one and marks {@code
 * simulated}.
 *
 * @param overrides the profile keys every step has (compare's {@code --set}); the step's size goes
 *     over them
 */
public record SimulatedSteps(
        Calibrator calibrator,
        int rounds,
        int seconds,
        int warmSeconds,
        Map<String, String> overrides,
        Network network,
        long seed,
        Path imageSet,
        Path prices)
        implements SweepRun.StepRunner {

    /** A size that could not be calibrated: the sweep stops with one line that says why. */
    public static final class CalibrationFailed extends RuntimeException {
        CalibrationFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void run(SweepStep step, Path stepDir, PrintStream out)
            throws IOException, InterruptedException, TimeoutException {
        Target target = step.size().target();
        Map<String, String> keys = new LinkedHashMap<>(overrides);
        keys.putAll(step.size().overrides());
        Calibrator.Result calibration;
        try {
            calibration =
                    calibrator.calibrate(
                            new Calibrator.Plan(
                                    List.of(target),
                                    step.spec().load().operation(),
                                    rounds,
                                    seconds,
                                    warmSeconds,
                                    keys),
                            false);
        } catch (IllegalArgumentException e) {
            throw new CalibrationFailed(
                    "calibrating "
                            + step.describe()
                            + ": "
                            + e.getMessage()
                            + " (give each round more time: --calibration-seconds,"
                            + " --calibration-warm-seconds)",
                    e);
        }
        out.println(
                (calibration.measured() ? "calibrated: " : "calibration of this size kept: ")
                        + calibration.file());
        List<StudyImage> images =
                RunFolder.sentImages(step.spec().load(), StudyImageSet.in(imageSet));
        Files.createDirectories(stepDir);
        SimulatedRun.execute(
                new SimulatedRun.Spec(
                        step.spec().load(),
                        step.spec().platform(),
                        List.of(target),
                        calibration.calibration(),
                        network,
                        seed,
                        SimulatedRun.Arrivals.EVEN,
                        null),
                images,
                stepDir,
                out);
        if (Files.exists(prices)) {
            Files.copy(prices, stepDir.resolve(RunLayout.PRICING));
        }
        ReportWriter.write(stepDir);
    }
}
