package dev.pixelforge.cli;

import dev.pixelforge.cli.simulate.CalibrationKey;
import dev.pixelforge.cli.simulate.NetworkSpec;
import dev.pixelforge.cli.simulate.RunFolderCalibration;
import dev.pixelforge.cli.simulate.SimulatedRun;
import dev.pixelforge.cli.simulate.SimulationSources;
import dev.pixelforge.cli.simulate.TraceFile;
import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.images.StudyImageSet;
import dev.pixelforge.load.jmeter.RunFolder;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.simulate.Calibration;
import dev.pixelforge.standins.Deployables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The platforms' rules on a virtual clock: compare's load options, at any scale, in seconds,
 * drawing each instance's start-up and each request's process time from a calibration.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description =
                "Simulate a load profile on Lambda, Cloud Functions and the container with the"
                        + " platforms' scheduling rules on a virtual clock and calibrated times,"
                        + " and write the same report as compare.")
final class SimulateCommand implements Callable<Integer> {

    @Mixin LoadOptions options;

    @Option(
            names = "--calibration",
            paramLabel = "FILE",
            description = "A calibration file, as ./pixelforge calibrate writes it.")
    Path calibrationFile;

    @Option(
            names = "--calibrate-from",
            paramLabel = "RUN_DIR",
            description =
                    "Calibrate from a run folder: a compare run on the stand-ins or the clouds.")
    Path calibrateFrom;

    @Option(
            names = "--figures",
            paramLabel = "duration=D,cold-start=D[,first=D][,front=D]",
            description =
                    "Calibrate every target from figures, for a function not built here: e.g."
                            + " duration=501ms,cold-start=3.8s (the first study's).")
    String figures;

    @Option(
            names = "--network",
            paramLabel = "loopback|PRESET|rtt=D,up=Nmbit,down=Nmbit,jitter=P%",
            description =
                    "The client's path to the platforms (default: loopback); presets:"
                            + " same-region, t3.micro, m7i-flex.large (the first study's clients)"
                            + " and rando-implied (the round trip its throttles imply).")
    String network;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "The draws' seed (default 1): the same seed gives the same run.")
    long seed;

    @Option(
            names = "--poisson",
            description = "With --rate: Poisson arrivals at each step's rate instead of even ones.")
    boolean poisson;

    @Option(
            names = "--trace",
            paramLabel = "FILE",
            description =
                    "Open loop on a trace: one arrival time per line, in seconds from the start.")
    Path trace;

    @Override
    public Integer call() throws Exception {
        SimulatedRun.Spec spec;
        List<StudyImage> images;
        try {
            refuseEmulatorOptions();
            LoadProfile load = options.profile();
            PlatformProfile platform = options.platform(Map.of());
            List<Target> targets =
                    options.chosenTargets().isEmpty()
                            ? List.of(Target.values())
                            : options.chosenTargets();
            StudyImageSet set = StudyImageSet.in(options.runsDir().resolve("images"));
            images = RunFolder.sentImages(load, set);
            spec =
                    new SimulatedRun.Spec(
                            load,
                            platform,
                            targets,
                            calibration(load, platform, targets, images),
                            NetworkSpec.parse(network),
                            seed,
                            poisson ? SimulatedRun.Arrivals.POISSON : SimulatedRun.Arrivals.EVEN,
                            trace == null ? null : TraceFile.read(trace));
            if (poisson && !load.openLoop()) {
                throw new IllegalArgumentException("--poisson goes with --rate");
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pixelforge simulate: " + e.getMessage());
            return 2;
        }
        Path runDir =
                RunFolder.newFolder(
                        options.runsDir(), LocalDateTime.now(), spec.load().name() + "-simulated");
        System.out.println("PixelForge simulate: " + spec.load().describe());
        SimulatedRun.execute(spec, images, runDir, System.out);
        Path prices = options.root.resolve("results/pricing.properties");
        if (Files.exists(prices)) {
            Files.copy(prices, runDir.resolve(RunLayout.PRICING));
        }
        RunSummary summary = ReportWriter.write(runDir);
        System.out.println();
        System.out.print(ReportWriter.consoleTable(summary));
        System.out.println();
        System.out.println("report: " + runDir.resolve(RunLayout.REPORT_HTML));
        return 0;
    }

    private void refuseEmulatorOptions() {
        if (options.targetsFile != null) {
            throw new IllegalArgumentException(
                    "--targets-file names deployed targets: a simulation runs none (calibrate"
                            + " from a cloud run's folder with --calibrate-from)");
        }
        options.refuseEmulatorOnlyOptions();
    }

    private Calibration calibration(
            LoadProfile load, PlatformProfile platform, List<Target> targets, List<StudyImage> sent)
            throws IOException {
        int sources =
                (calibrationFile != null ? 1 : 0)
                        + (calibrateFrom != null ? 1 : 0)
                        + (figures != null ? 1 : 0);
        if (sources > 1) {
            throw new IllegalArgumentException(
                    "give one calibration: --calibration FILE, --calibrate-from RUN_DIR, or"
                            + " --figures duration=501ms,cold-start=3.8s");
        }
        if (sources == 0) {
            return current(platform, targets);
        }
        if (calibrationFile != null) {
            return checked(Calibration.read(calibrationFile), platform, targets);
        }
        if (calibrateFrom != null) {
            return checked(RunFolderCalibration.of(calibrateFrom, targets), platform, targets);
        }
        Map<String, Long> bytes = new LinkedHashMap<>();
        if (load.operation() == Operation.GENERATE) {
            bytes.put("generate-256", 40L);
        } else {
            for (StudyImage i : sent) {
                bytes.put(
                        i.name(),
                        load.operation() == Operation.TONE_JSON
                                ? Files.size(i.jsonFile())
                                : i.bytes());
            }
        }
        return SimulationSources.figures(figures, targets, platform, bytes);
    }

    /** The calibration ./pixelforge calibrate made, if it still measures today's deployables. */
    private Calibration current(PlatformProfile platform, List<Target> targets) throws IOException {
        Path file = options.runsDir().resolve(CalibrateCommand.CURRENT);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(
                    "no calibration yet: run ./pixelforge calibrate (about "
                            + "five minutes), or give --figures or --calibrate-from");
        }
        Calibration c = Calibration.read(file);
        Map<String, String> now =
                CalibrationKey.of(Deployables.under(options.root).check(), "", "");
        List<String> changed =
                CalibrationKey.stale(c.provenance(), now).stream()
                        .filter(k -> k.startsWith("deployable.") || k.equals("jdk"))
                        .toList();
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException(
                    file
                            + " is stale ("
                            + String.join(", ", changed)
                            + " changed since it was measured): run ./pixelforge calibrate again");
        }
        return checked(c, platform, targets);
    }

    /** Refuses a calibration measured at another CPU share than the profile gives a target. */
    private static Calibration checked(
            Calibration c, PlatformProfile platform, List<Target> targets) {
        for (Target t : targets) {
            double measured = c.of(t).cpus();
            double wanted = platform.of(t).cpus();
            if (Math.abs(measured - wanted) > 1e-6) {
                throw new IllegalArgumentException(
                        String.format(
                                Locale.ROOT,
                                "%s was calibrated at %.3f vCPU, the profile gives it %.3f:"
                                        + " calibrate that size (./pixelforge calibrate --set"
                                        + " ...)",
                                t.id(),
                                measured,
                                wanted));
            }
        }
        return c;
    }
}
