package dev.pixelforge.cli;

import dev.pixelforge.cli.compare.ClientLimits;
import dev.pixelforge.cli.compare.EngineSet;
import dev.pixelforge.cli.compare.RunSpec;
import dev.pixelforge.cli.simulate.SimulationSources;
import dev.pixelforge.load.jmeter.LoadRunner;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.PlatformProfile;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load options that {@code compare} and {@code sweep} share (a picocli mixin): the profile and
 * its overrides, the targets, the platform profile and its {@code --set} overrides, the client's
 * machine and the outputs. Each command reads them the same way, so a sweep's step is the compare
 * the same options would run.
 */
final class LoadOptions {

    @Option(
            names = "--profile",
            defaultValue = "quick",
            description = "Load profile: quick (default), rando-t3micro, rando-m7i, cmpt756.")
    String profileName;

    @Option(
            names = "--targets",
            split = ",",
            paramLabel = "NAME",
            description =
                    "Which targets, in order: aws-lambda, gcp-function, container (default: all"
                            + " three).")
    List<String> targetNames = new ArrayList<>();

    @Option(
            names = "--targets-file",
            paramLabel = "FILE",
            description =
                    "Deployed URLs instead of the local stand-ins: a properties file of"
                            + " aws-lambda=https://... lines, as the deploy scripts write"
                            + " results/targets.properties.")
    Path targetsFile;

    @Option(names = "--threads", description = "Override the profile's threads.")
    Integer threads;

    @Option(names = "--ramp", description = "Override the profile's ramp-up, in seconds.")
    Integer ramp;

    @Option(
            names = "--duration",
            description = "Override the profile's seconds per target (ramp-up included).")
    Integer duration;

    @Option(
            names = "--operation",
            description = "Override the operation: tone-json, tone, generate.")
    String operation;

    @Option(
            names = "--think-time",
            paramLabel = "DURATION",
            description =
                    "Closed loop: each thread waits this long after an answer before it sends"
                            + " again, e.g. 100ms (JMeter's Constant Timer; default 0, as the"
                            + " studies ran).")
    String thinkTime;

    @Mixin ArrivalOptions arrivals;

    @Option(
            names = "--dilation",
            defaultValue = "auto",
            paramLabel = "auto|K",
            description =
                    "Local stand-ins: run the model K times slower so the configured peak fits this"
                        + " machine (default auto: each target's peak vCPU over the cores left for"
                        + " instances, at least 1; 1 turns it off).")
    String dilation;

    @Option(
            names = "--max-image",
            description = "Send only images up to this size, e.g. 1920x1080.")
    String maxImage;

    @Option(
            names = "--platform",
            description =
                    "Platform profile for the stand-ins (default: results/platform.properties).")
    Path platformFile;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "Override a platform profile key, e.g. --set aws-lambda.reserved-concurrency=2")
    Map<String, String> platformOverrides = new LinkedHashMap<>();

    // On by default: JMeter users know the dashboard, and it is made after each target's load,
    // outside
    // the measured window; its cost is a second JTL written during the run.
    @Option(
            names = "--jmeter-dashboard",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Also write JMeter's own HTML dashboard per target to"
                        + " jmeter-dashboard/<target>/ (default: on; --no-jmeter-dashboard leaves"
                        + " it out).")
    boolean jmeterDashboard;

    @Option(
            names = "--client",
            paramLabel = "TYPE",
            description =
                    "Run the load client in its own JVM inside the CPU and memory of one of the"
                            + " first study's clients: t3.micro (its 0.2-CPU baseline, 1 GiB) or"
                            + " m7i-flex.large (2 CPUs, 8 GiB).")
    String client;

    @Option(
            names = "--client-cpus",
            paramLabel = "N",
            description = "Run the load client in its own JVM inside a CPU quota of N cores.")
    Double clientCpus;

    @Option(
            names = "--client-memory",
            paramLabel = "SIZE",
            description = "With --client-cpus: the client JVM's memory limit, e.g. 512m, 1g.")
    String clientMemory;

    @Option(
            names = "--jtl",
            description =
                    "Also write jtl/<target>.jtl for JMeter's own tools (default: off;"
                            + " samples.csv holds everything the report reads).")
    boolean jtl;

    @Option(
            names = "--root",
            defaultValue = ".",
            description = "Repository root (default: the current directory).")
    Path root;

    @Option(names = "--runs", description = "Where run folders go (default: results/runs).")
    Path runs;

    /**
     * The platform profile with every {@code --set} applied, plus {@code extra} (a sweep step's
     * size) over them.
     */
    PlatformProfile platform(Map<String, String> extra) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(platformOverrides);
        all.putAll(extra);
        return PlatformProfile.load(
                platformFile != null ? platformFile : root.resolve("results/platform.properties"),
                all);
    }

    /** What one run is, on {@code platform}, made by this JVM. */
    RunSpec runSpec(PlatformProfile platform) {
        return runSpec(platform, null);
    }

    /** What one run is, on {@code platform}, made by {@code engines} (null: by this JVM). */
    RunSpec runSpec(PlatformProfile platform, EngineSet engines) {
        return new RunSpec(
                profile(),
                platform,
                runsDir(),
                root.resolve("results/pricing.properties"),
                new LoadRunner.Outputs(jtl, jmeterDashboard),
                clientLimits(),
                engines);
    }

    Path runsDir() {
        return (runs != null ? runs : root.resolve("results/runs")).toAbsolutePath().normalize();
    }

    /** The client's own machine, or null to run it in this JVM. */
    ClientLimits clientLimits() {
        if (client != null && (clientCpus != null || clientMemory != null)) {
            throw new IllegalArgumentException(
                    "--client names a machine; --client-cpus and --client-memory describe one: give"
                            + " one or the other");
        }
        if (clientMemory != null && clientCpus == null) {
            throw new IllegalArgumentException("--client-memory goes with --client-cpus");
        }
        return client != null
                ? ClientLimits.named(client)
                : clientCpus != null ? ClientLimits.custom(clientCpus, clientMemory) : null;
    }

    /** The targets named with {@code --targets}, in their order; empty when none was named. */
    List<Target> chosenTargets() {
        List<Target> list = new ArrayList<>();
        for (String name : targetNames) {
            try {
                list.add(Target.of(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--targets takes names: "
                                + e.getMessage()
                                + (name.contains(".") || name.contains("/")
                                        ? "; a file of deployed URLs goes to --targets-file"
                                        : ""));
            }
        }
        return list;
    }

    /** Refuses what only shapes the emulator or a real client, for a simulation. */
    void refuseEmulatorOnlyOptions() {
        if (!"auto".equals(dilation)) {
            throw new IllegalArgumentException(
                    "--dilation slows the emulator: a simulation runs in virtual time, undilated");
        }
        if (client != null || clientCpus != null) {
            throw new IllegalArgumentException(
                    "--client and --client-cpus isolate a real client: a simulation's client is"
                            + " --network");
        }
    }

    LoadProfile profile() {
        LoadProfile p = LoadProfile.named(profileName);
        if (threads != null) {
            p = p.withThreads(threads);
        }
        if (ramp != null) {
            p = p.withRamp(ramp);
        }
        if (duration != null
                && !arrivals.openLoop()) { // open loop: the schedule's duration, and no ramp-up to
            // check it against
            p = p.withDuration(duration);
        }
        if (operation != null) {
            p = p.withOperation(Operation.of(operation));
        }
        if (maxImage != null) {
            String[] wh = maxImage.toLowerCase().split("x");
            if (wh.length != 2) {
                throw new IllegalArgumentException(
                        "--max-image takes WIDTHxHEIGHT, e.g. 1920x1080");
            }
            p = p.withMaxImagePixels(Long.parseLong(wh[0].trim()) * Long.parseLong(wh[1].trim()));
        }
        if (thinkTime != null) {
            if (arrivals.openLoop()) {
                throw new IllegalArgumentException(
                        "--think-time is for a closed loop: with --rate requests leave on the"
                                + " schedule, whatever the answers");
            }
            p = p.withThinkMillis(SimulationSources.duration(thinkTime).toMillis());
        }
        return arrivals.apply(p, threads != null, ramp != null, duration);
    }
}
