package dev.pixelforge.cli;

import dev.pixelforge.cli.compare.ClientLimits;
import dev.pixelforge.cli.compare.ComparisonRun;
import dev.pixelforge.cli.compare.DeployedTargets;
import dev.pixelforge.cli.compare.EngineSet;
import dev.pixelforge.cli.compare.LocalTargets;
import dev.pixelforge.cli.compare.RunSpec;
import dev.pixelforge.load.engines.EngineAddress;
import dev.pixelforge.load.engines.EngineException;
import dev.pixelforge.load.engines.RmiSettings;
import dev.pixelforge.load.engines.ThreadShares;
import dev.pixelforge.load.jmeter.LoadRunner;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.Dilation;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.standins.Deployables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job: the same load on every target, one after another, then the side-by-side report.
 * Targets are the local stand-ins unless {@code --targets-file} names deployed URLs. The command only
 * reads its options: {@link ComparisonRun} does the run.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Put one load profile on Lambda, Cloud Functions and the container, and write the side-by-side report.")
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "quick",
            description = "Load profile: quick (default), rando-t3micro, rando-m7i, cmpt756.")
    String profileName;

    @Option(names = "--targets", split = ",", paramLabel = "NAME",
            description = "Which targets, in order: aws-lambda, gcp-function, container (default: all three).")
    List<String> targetNames = new ArrayList<>();

    @Option(names = "--targets-file", paramLabel = "FILE", description = "Deployed URLs instead of the local stand-ins:"
            + " a properties file of aws-lambda=https://... lines, as the deploy scripts write results/targets.properties.")
    Path targetsFile;

    @Option(names = "--threads", description = "Override the profile's threads.")
    Integer threads;

    @Option(names = "--ramp", description = "Override the profile's ramp-up, in seconds.")
    Integer ramp;

    @Option(names = "--duration", description = "Override the profile's seconds per target (ramp-up included).")
    Integer duration;

    @Option(names = "--operation", description = "Override the operation: tone-json, tone, generate.")
    String operation;

    @Mixin
    ArrivalOptions arrivals;

    @Option(names = "--dilation", defaultValue = "auto", paramLabel = "auto|K",
            description = "Local stand-ins: run the model K times slower so the configured peak fits this machine (default auto:"
                    + " each target's peak vCPU over the cores left for instances, at least 1; 1 turns it off).")
    String dilation;

    @Option(names = "--max-image", description = "Send only images up to this size, e.g. 1920x1080.")
    String maxImage;

    @Option(names = "--platform", description = "Platform profile for the stand-ins (default: results/platform.properties).")
    Path platformFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a platform profile key, e.g. --set aws-lambda.reserved-concurrency=2")
    Map<String, String> platformOverrides = new LinkedHashMap<>();

    // On by default: JMeter users know the dashboard, and it is made after each target's load, outside
    // the measured window; its cost is a second JTL written during the run.
    @Option(names = "--jmeter-dashboard", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also write JMeter's own HTML dashboard per target to jmeter-dashboard/<target>/ (default: on;"
                    + " --no-jmeter-dashboard leaves it out).")
    boolean jmeterDashboard;

    @Option(names = "--client", paramLabel = "TYPE", description = "Run the load client in its own JVM inside the CPU and memory of"
            + " one of the first study's clients: t3.micro (its 0.2-CPU baseline, 1 GiB) or m7i-flex.large (2 CPUs, 8 GiB).")
    String client;

    @Option(names = "--client-cpus", paramLabel = "N", description = "Run the load client in its own JVM inside a CPU quota of N cores.")
    Double clientCpus;

    @Option(names = "--client-memory", paramLabel = "SIZE", description = "With --client-cpus: the client JVM's memory limit, e.g. 512m, 1g.")
    String clientMemory;

    @Option(names = "--engines", paramLabel = "HOST:PORT,...", description = "Make the load on remote JMeter engines"
            + " (./pixelforge engine on each machine) instead of in this JVM: each runs the whole plan with its share of the threads.")
    String engines;

    @Option(names = "--engine-keystore", paramLabel = "FILE", description = "With --engines: the RMI SSL keystore the engines use"
            + " (default: results/engines/rmi_keystore.jks, where ./pixelforge engine makes it).")
    Path engineKeystore;

    @Option(names = "--no-engine-ssl", description = "With --engines: RMI without SSL, for engines started with --no-ssl.")
    boolean noEngineSsl;

    @Option(names = "--controller-hostname", paramLabel = "HOST", description = "With --engines: the address the engines send samples"
            + " back to (java.rmi.server.hostname; default 127.0.0.1 when every engine is on loopback, else this host's address).")
    String controllerHostname;

    @Option(names = "--controller-port", paramLabel = "N", defaultValue = "0", description = "With --engines: JMeter's"
            + " client.rmi.localport; the engines call back on N+1 and N+2 (default 0: random ports).")
    int controllerPort;

    @Option(names = "--jtl", description = "Also write jtl/<target>.jtl for JMeter's own tools (default: off;"
            + " samples.csv holds everything the report reads).")
    boolean jtl;

    @Option(names = "--root", defaultValue = ".", description = "Repository root (default: the current directory).")
    Path root;

    @Option(names = "--runs", description = "Where run folders go (default: results/runs).")
    Path runs;

    @Override
    public Integer call() throws Exception {
        RunSpec spec;
        List<Target> chosen;
        try {
            LoadProfile load = profile();
            chosen = chosenTargets();
            PlatformProfile platform = PlatformProfile.load(platformFile != null ? platformFile : root.resolve("results/platform.properties"),
                    platformOverrides);
            Path runsDir = (runs != null ? runs : root.resolve("results/runs")).toAbsolutePath().normalize();
            spec = new RunSpec(load, platform, runsDir, root.resolve("results/pricing.properties"), new LoadRunner.Outputs(jtl, jmeterDashboard),
                    clientLimits(), engineSet());
            if (spec.engines() != null) {
                // Open loop's schedule is one object shared by this JVM's threads: it cannot be split among engines (yet).
                if (load.arrivals() != null) {
                    throw new IllegalArgumentException("--rate runs in this JVM only: remote engines (--engines) run closed loop, with --threads");
                }
                ThreadShares.divide(load.threads(), spec.engines().engines()); // too few threads fail before any run folder
            }
            Dilation.parse(dilation, platform, Runtime.getRuntime().availableProcessors()); // a bad --dilation fails before any run folder
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pixelforge compare: " + e.getMessage());
            return 2;
        }
        ComparisonRun.Opener targets;
        try {
            if (targetsFile != null) {
                DeployedTargets deployed = DeployedTargets.read(targetsFile, chosen); // read now: a bad file fails before any run folder
                targets = runDir -> deployed;
            } else {
                List<Target> local = chosen.isEmpty() ? List.of(Target.values()) : chosen;
                targets = runDir -> {
                    System.out.println("starting the local stand-ins (instances start on the first request: cold starts are part of the run)");
                    return LocalTargets.start(Deployables.under(root), spec.platform(), dilation, local, runDir.resolve("local"), System.out);
                };
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pixelforge compare: " + e.getMessage());
            return 2;
        }
        System.out.println("PixelForge compare: " + spec.load().describe());
        try {
            ComparisonRun.execute(spec, targets, System.out);
        } catch (EngineException e) {
            System.err.println("pixelforge compare: " + e.getMessage());
            return 2;
        }
        return 0;
    }

    /** The remote engines, or null to make the load in this JVM. */
    private EngineSet engineSet() throws IOException {
        if (engines == null) {
            if (engineKeystore != null || noEngineSsl || controllerHostname != null || controllerPort != 0) {
                throw new IllegalArgumentException("--engine-keystore, --no-engine-ssl, --controller-hostname and --controller-port go with --engines");
            }
            return null;
        }
        if (engineKeystore != null && noEngineSsl) {
            throw new IllegalArgumentException("--engine-keystore is for SSL, --no-engine-ssl turns it off: give one or the other");
        }
        List<EngineAddress> list = EngineAddress.parseList(engines);
        RmiSettings rmi = noEngineSsl ? RmiSettings.SSL_OFF : new RmiSettings(engineKeystore != null ? engineKeystore : EngineCommand.defaultKeystore(root));
        if (rmi.ssl() && !java.nio.file.Files.isRegularFile(rmi.keystore())) {
            throw new IllegalArgumentException("no RMI keystore at " + rmi.keystore() + ": copy the one ./pixelforge engine made"
                    + " (it prints where) and give it with --engine-keystore, or use --no-engine-ssl with engines started with --no-ssl");
        }
        return new EngineSet(list, rmi, controllerHostname != null ? controllerHostname : EngineSet.defaultControllerHostname(list), controllerPort);
    }

    /** The client's own machine, or null to run it in this JVM. */
    private ClientLimits clientLimits() {
        if (client != null && (clientCpus != null || clientMemory != null)) {
            throw new IllegalArgumentException("--client names a machine; --client-cpus and --client-memory describe one: give one or the other");
        }
        if (clientMemory != null && clientCpus == null) {
            throw new IllegalArgumentException("--client-memory goes with --client-cpus");
        }
        return client != null ? ClientLimits.named(client) : clientCpus != null ? ClientLimits.custom(clientCpus, clientMemory) : null;
    }

    private List<Target> chosenTargets() {
        List<Target> list = new ArrayList<>();
        for (String name : targetNames) {
            try {
                list.add(Target.of(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--targets takes names: " + e.getMessage()
                        + (name.contains(".") || name.contains("/") ? "; a file of deployed URLs goes to --targets-file" : ""));
            }
        }
        return list;
    }

    private LoadProfile profile() {
        LoadProfile p = LoadProfile.named(profileName);
        if (threads != null) {
            p = p.withThreads(threads);
        }
        if (ramp != null) {
            p = p.withRamp(ramp);
        }
        if (duration != null && !arrivals.openLoop()) { // open loop: the schedule's duration, and no ramp-up to check it against
            p = p.withDuration(duration);
        }
        if (operation != null) {
            p = p.withOperation(Operation.of(operation));
        }
        if (maxImage != null) {
            String[] wh = maxImage.toLowerCase().split("x");
            if (wh.length != 2) {
                throw new IllegalArgumentException("--max-image takes WIDTHxHEIGHT, e.g. 1920x1080");
            }
            p = p.withMaxImagePixels(Long.parseLong(wh[0].trim()) * Long.parseLong(wh[1].trim()));
        }
        return arrivals.apply(p, threads != null, ramp != null, duration);
    }
}
