package dev.pixelforge.cli;

import dev.pixelforge.cli.compare.ComparisonRun;
import dev.pixelforge.cli.compare.DeployedTargets;
import dev.pixelforge.cli.compare.LocalTargets;
import dev.pixelforge.cli.simulate.Calibrator;
import dev.pixelforge.cli.simulate.NetworkSpec;
import dev.pixelforge.cli.sweep.CloudResize;
import dev.pixelforge.cli.sweep.SimulatedSteps;
import dev.pixelforge.cli.sweep.SweepRun;
import dev.pixelforge.cli.sweep.SweepSize;
import dev.pixelforge.cli.sweep.SweepSizes;
import dev.pixelforge.cli.sweep.SweepStep;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.Dilation;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.standins.Deployables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * Power tuning for all three platforms: the same load as {@code compare} at every size of every
 * target, then per target the cheapest, the fastest and the balanced size. The command reads its
 * options and refuses what a platform would refuse; {@link SweepRun} does the steps.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description =
                "Run the same load at every size of each target (Lambda memory, Cloud Functions"
                        + " memory or memory/CPU, Cloud Run CPU/memory), and pick the best size per"
                        + " target for cost, speed and a balance of the two.")
final class SweepCommand implements Callable<Integer> {

    @Mixin LoadOptions options;

    @Option(
            names = "--lambda-memory",
            paramLabel = "MB,...",
            description =
                    "Lambda sizes in MB, 128 to 10240 (CPU is memory / 1,769 MB),"
                            + " e.g. 885,1769,3008.")
    String lambdaMemory;

    @Option(
            names = "--function-memory",
            paramLabel = "MIB[/CPUS],...",
            description =
                    "Cloud Functions gen2 sizes: memory in MiB (its tier sets the CPU), or"
                            + " memory/CPUs pairs (gen2's --cpu), e.g. 512,1024,2048 or 2048/1.")
    String functionMemory;

    @Option(
            names = "--run-sizes",
            paramLabel = "CPUS/MIB,...",
            description =
                    "Cloud Run sizes, vCPU/MiB, e.g. 1/512,2/1024; below 1 vCPU Cloud Run needs"
                            + " concurrency 1 (--set container.concurrency=1).")
    String runSizes;

    @Option(
            names = "--balanced-weight",
            defaultValue = "0.5",
            paramLabel = "W",
            description =
                    "The balanced choice's weight, as aws-lambda-power-tuning's balancedWeight: 0"
                            + " is all speed, 1 all cost; each of the two is divided by its largest"
                            + " value among the target's sizes (default 0.5).")
    double balancedWeight;

    @Option(
            names = "--simulate",
            description =
                    "Simulate each step instead of running it: calibrate each size (its deployable"
                            + " on its stand-in, undilated, one instance at a time; kept for the"
                            + " next sweep of that size), then simulate the load on it.")
    boolean simulate;

    @Option(
            names = "--calibration-rounds",
            defaultValue = "3",
            description = "With --simulate: fresh stand-ins per size calibrated (default 3).")
    int calibrationRounds;

    @Option(
            names = "--calibration-seconds",
            defaultValue = "15",
            description =
                    "With --simulate: seconds of one-thread load in each round after the first"
                            + " (default 15).")
    int calibrationSeconds;

    @Option(
            names = "--calibration-warm-seconds",
            defaultValue = "120",
            description =
                    "With --simulate: seconds of one-thread load in the first round, which gives"
                            + " the warm figures (default 120).")
    int calibrationWarmSeconds;

    @Option(
            names = "--network",
            paramLabel = "loopback|PRESET|rtt=D,up=Nmbit,down=Nmbit,jitter=P%",
            description = "With --simulate: the client's path to the platforms (default loopback).")
    String network;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "With --simulate: the draws' seed (default 1).")
    long seed;

    @Option(
            names = "--dry-run",
            description =
                    "Print every step (and, with --targets-file, every cloud command that changes a"
                            + " size) and run nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        List<SweepStep> steps = new ArrayList<>();
        try {
            if (balancedWeight < 0 || balancedWeight > 1 || Double.isNaN(balancedWeight)) {
                throw new IllegalArgumentException(
                        "--balanced-weight is 0 (all speed) to 1 (all cost), was "
                                + balancedWeight);
            }
            Map<Target, List<SweepSize>> sizes = sizes();
            for (Map.Entry<Target, List<SweepSize>> e : sizes.entrySet()) {
                SweepSizes.check(e.getValue(), option(e.getKey()), options::platform);
                for (SweepSize s : e.getValue()) {
                    steps.add(new SweepStep(s, options.runSpec(options.platform(s.overrides()))));
                }
            }
            for (SweepStep s : steps) { // a bad --dilation fails before any folder
                Dilation.parse(
                        options.dilation,
                        s.spec().platform(),
                        Runtime.getRuntime().availableProcessors(),
                        s.spec().load().threads());
            }
            if (simulate) {
                refuseWithSimulate();
            } else if (network != null) {
                throw new IllegalArgumentException(
                        "--network is the simulated client's path: it goes with --simulate");
            }
            if (options.targetsFile != null) {
                DeployedTargets.read(
                        options.targetsFile,
                        List.copyOf(sizes.keySet())); // every swept target must be deployed
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pixelforge sweep: " + e.getMessage());
            return 2;
        }
        CloudResize resize = new CloudResize(options.root, dryRun);
        try {
            return run(steps, resize);
        } catch (CloudResize.Failed | SimulatedSteps.CalibrationFailed e) {
            // the cloud's size, or a size too slow to calibrate in the time given: not a bug, one
            // line, as for a bad option
            System.err.println("pixelforge sweep: " + e.getMessage());
            return 2;
        }
    }

    private int run(List<SweepStep> steps, CloudResize resize) throws Exception {
        if (dryRun) {
            dryRun(steps, resize, System.out);
            return 0;
        }
        if (options.targetsFile == null && !simulate) {
            warnDilated(steps);
        }
        Properties manifest = new Properties();
        manifest.setProperty(RunManifest.LOAD, steps.get(0).spec().load().describe());
        manifest.setProperty("balanced-weight", Double.toString(balancedWeight));
        manifest.setProperty(
                "targets",
                simulate
                        ? "simulated, each size from its own calibration"
                        : options.targetsFile == null
                                ? "local stand-ins"
                                : "deployed: " + options.targetsFile);
        System.out.println(
                "PixelForge sweep: "
                        + steps.size()
                        + " steps, "
                        + steps.get(0).spec().load().describe());
        SweepRun.execute(
                steps,
                simulate
                        ? simulated()
                        : SweepRun.comparing(
                                options.targetsFile == null ? local() : deployed(resize)),
                manifest,
                options.runsDir(),
                System.out);
        return 0;
    }

    /**
     * Says before the run which sizes will not fit this machine undilated, where cloud-equivalent
     * times can flatter them.
     */
    private void warnDilated(List<SweepStep> steps) {
        for (SweepStep s : steps) {
            Target t = s.size().target();
            double k =
                    Dilation.parse(
                                    options.dilation,
                                    s.spec().platform(),
                                    Runtime.getRuntime().availableProcessors(),
                                    s.spec().load().threads())
                            .of(t);
            if (k > 1) {
                System.out.printf(
                        Locale.ROOT,
                        "note: %s %s will run %.2f times slower (peak %.2f vCPU; lower it with"
                                + " --set %s=1)%s%n",
                        t.id(),
                        s.size().label(),
                        k,
                        s.spec().platform().of(t).peakVcpus(s.spec().load().threads()),
                        t == Target.AWS_LAMBDA
                                ? "aws-lambda.reserved-concurrency"
                                : t.id() + ".max-instances",
                        s.spec().platform().of(t).cpus() > 1
                                ? ": above 1 vCPU its cloud-equivalent times may flatter it"
                                        + " (sweep.html says why)"
                                : "");
            }
        }
    }

    private void refuseWithSimulate() {
        if (options.targetsFile != null) {
            throw new IllegalArgumentException(
                    "--simulate calibrates each size on its stand-in: for a deployed target,"
                            + " sweep it, then ./pixelforge simulate --calibrate-from a step's"
                            + " folder");
        }
        options.refuseEmulatorOnlyOptions();
        NetworkSpec.parse(network); // a bad one fails before any calibration
    }

    private SweepRun.StepRunner simulated() {
        Path profileFile =
                options.platformFile != null
                        ? options.platformFile
                        : options.root.resolve("results/platform.properties");
        return new SimulatedSteps(
                new Calibrator(options.root, profileFile, options.runsDir(), System.out),
                calibrationRounds,
                calibrationSeconds,
                calibrationWarmSeconds,
                options.platformOverrides,
                NetworkSpec.parse(network),
                seed,
                options.runsDir().resolve("images"),
                options.root.resolve("results/pricing.properties"));
    }

    /**
     * Each step's own stand-ins, started at its size and stopped after it: every size starts cold.
     */
    private SweepRun.StepTargets local() {
        return new SweepRun.StepTargets() {
            @Override
            public void prepare(SweepStep step, PrintStream out) {
                // nothing to change: the step's stand-ins start at its size
            }

            @Override
            public ComparisonRun.Opener opener(SweepStep step) {
                return runDir ->
                        LocalTargets.start(
                                Deployables.under(options.root),
                                step.spec().platform(),
                                options.dilation,
                                step.spec().load().threads(),
                                List.of(step.size().target()),
                                runDir.resolve("local"),
                                System.out);
            }
        };
    }

    /** The deployed target, resized by its deploy script before the step's load. */
    private SweepRun.StepTargets deployed(CloudResize resize) {
        return new SweepRun.StepTargets() {
            @Override
            public void prepare(SweepStep step, PrintStream out)
                    throws IOException, InterruptedException {
                resize.apply(step.size(), step.spec().platform().of(step.size().target()), out);
            }

            @Override
            public ComparisonRun.Opener opener(SweepStep step) throws IOException {
                DeployedTargets one =
                        DeployedTargets.read(options.targetsFile, List.of(step.size().target()));
                return runDir -> one;
            }
        };
    }

    private void dryRun(List<SweepStep> steps, CloudResize resize, PrintStream out)
            throws IOException, InterruptedException {
        out.println(
                "PixelForge sweep, dry run: "
                        + steps.size()
                        + " steps of "
                        + steps.get(0).spec().load().describe()
                        + "; nothing runs");
        for (int i = 0; i < steps.size(); i++) {
            SweepStep step = steps.get(i);
            out.printf(Locale.ROOT, "== step %d of %d: %s%n", i + 1, steps.size(), step.describe());
            if (simulate) {
                out.println(
                        "  calibrate "
                                + step.size().target().id()
                                + " at this size (unless kept from an earlier sweep), then"
                                + " simulate the load on it");
            } else if (options.targetsFile == null) {
                out.println(
                        "  local stand-ins of "
                                + step.size().target().id()
                                + " with "
                                + String.join(
                                        " ",
                                        step.size().overrides().entrySet().stream()
                                                .map(
                                                        e ->
                                                                "--set "
                                                                        + e.getKey()
                                                                        + "="
                                                                        + e.getValue())
                                                .toList()));
            } else {
                resize.apply(step.size(), step.spec().platform().of(step.size().target()), out);
            }
        }
    }

    /**
     * The sizes of each target, in --targets order when given (each named target needs sizes), else
     * Lambda, Functions, Run.
     */
    private Map<Target, List<SweepSize>> sizes() {
        Map<Target, List<SweepSize>> given = new EnumMap<>(Target.class);
        if (lambdaMemory != null) {
            given.put(Target.AWS_LAMBDA, SweepSizes.lambda(lambdaMemory));
        }
        if (functionMemory != null) {
            given.put(Target.GCP_FUNCTION, SweepSizes.function(functionMemory));
        }
        if (runSizes != null) {
            given.put(Target.CONTAINER, SweepSizes.run(runSizes));
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException(
                    "give the sizes to sweep: --lambda-memory 885,1769,3008, --function-memory"
                            + " 512,1024,2048 and/or --run-sizes 1/512,1/1024,2/2048");
        }
        List<Target> chosen = options.chosenTargets();
        if (chosen.isEmpty()) {
            return new LinkedHashMap<>(given);
        }
        Map<Target, List<SweepSize>> ordered = new LinkedHashMap<>();
        for (Target t : chosen) {
            if (!given.containsKey(t)) {
                throw new IllegalArgumentException(
                        "--targets names " + t.id() + " but no sizes for it: add " + option(t));
            }
            ordered.put(t, given.get(t));
        }
        return ordered;
    }

    private static String option(Target t) {
        return switch (t) {
            case AWS_LAMBDA -> "--lambda-memory";
            case GCP_FUNCTION -> "--function-memory";
            case CONTAINER -> "--run-sizes";
        };
    }
}
