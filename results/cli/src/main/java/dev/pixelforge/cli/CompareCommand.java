package dev.pixelforge.cli;

import dev.pixelforge.cli.compare.ComparisonRun;
import dev.pixelforge.cli.compare.DeployedTargets;
import dev.pixelforge.cli.compare.EngineSet;
import dev.pixelforge.cli.compare.LocalTargets;
import dev.pixelforge.cli.compare.RunSpec;
import dev.pixelforge.load.engines.EngineAddress;
import dev.pixelforge.load.engines.EngineException;
import dev.pixelforge.load.engines.RmiSettings;
import dev.pixelforge.load.engines.ThreadShares;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.Dilation;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.standins.Deployables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The main job: the same load on every target, one after another, then the side-by-side report.
 * Targets are the local stand-ins unless {@code --targets-file} names deployed URLs. The command
 * only reads its options: {@link ComparisonRun} does the run.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description =
                "Put one load profile on Lambda, Cloud Functions and the container, and write the"
                        + " side-by-side report.")
final class CompareCommand implements Callable<Integer> {

    @Mixin LoadOptions options;

    @Option(
            names = "--engines",
            paramLabel = "HOST:PORT,...",
            description =
                    "Make the load on remote JMeter engines (./pixelforge engine on each machine)"
                        + " instead of in this JVM: each runs the whole plan with its share of the"
                        + " threads.")
    String engines;

    @Option(
            names = "--engine-keystore",
            paramLabel = "FILE",
            description =
                    "With --engines: the RMI SSL keystore the engines use (default:"
                        + " results/engines/rmi_keystore.jks, where ./pixelforge engine makes it).")
    Path engineKeystore;

    @Option(
            names = "--no-engine-ssl",
            description = "With --engines: RMI without SSL, for engines started with --no-ssl.")
    boolean noEngineSsl;

    @Option(
            names = "--controller-hostname",
            paramLabel = "HOST",
            description =
                    "With --engines: the address the engines send samples back to"
                        + " (java.rmi.server.hostname; default 127.0.0.1 when every engine is on"
                        + " loopback, else this host's address).")
    String controllerHostname;

    @Option(
            names = "--controller-port",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "With --engines: JMeter's client.rmi.localport; the engines call back on N+1"
                            + " and N+2 (default 0: random ports).")
    int controllerPort;

    @Override
    public Integer call() throws Exception {
        RunSpec spec;
        List<Target> chosen;
        try {
            chosen = options.chosenTargets();
            PlatformProfile platform = options.platform(Map.of());
            spec = options.runSpec(platform, engineSet());
            if (spec.engines() != null) {
                // Open loop's schedule is one object shared by this JVM's threads: it cannot be
                // split among engines (yet).
                if (spec.load().arrivals() != null) {
                    throw new IllegalArgumentException(
                            "--rate runs in this JVM only: remote engines (--engines) run closed"
                                    + " loop, with --threads");
                }
                ThreadShares.divide(
                        spec.load().threads(),
                        spec.engines().engines()); // too few threads fail before any run folder
            }
            Dilation.parse(
                    options.dilation,
                    platform,
                    Runtime.getRuntime().availableProcessors(),
                    spec.load().threads()); // a bad --dilation fails before any run folder
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pixelforge compare: " + e.getMessage());
            return 2;
        }
        ComparisonRun.Opener targets;
        try {
            if (options.targetsFile != null) {
                DeployedTargets deployed =
                        DeployedTargets.read(
                                options.targetsFile,
                                chosen); // read now: a bad file fails before any run folder
                targets = runDir -> deployed;
            } else {
                List<Target> local = chosen.isEmpty() ? List.of(Target.values()) : chosen;
                targets =
                        runDir -> {
                            System.out.println(
                                    "starting the local stand-ins (instances start on the first"
                                            + " request: cold starts are part of the run)");
                            return LocalTargets.start(
                                    Deployables.under(options.root),
                                    spec.platform(),
                                    options.dilation,
                                    spec.load().threads(),
                                    local,
                                    runDir.resolve("local"),
                                    System.out);
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
            if (engineKeystore != null
                    || noEngineSsl
                    || controllerHostname != null
                    || controllerPort != 0) {
                throw new IllegalArgumentException(
                        "--engine-keystore, --no-engine-ssl, --controller-hostname and"
                                + " --controller-port go with --engines");
            }
            return null;
        }
        if (engineKeystore != null && noEngineSsl) {
            throw new IllegalArgumentException(
                    "--engine-keystore is for SSL, --no-engine-ssl turns it off: give one or the"
                            + " other");
        }
        List<EngineAddress> list = EngineAddress.parseList(engines);
        RmiSettings rmi =
                noEngineSsl
                        ? RmiSettings.SSL_OFF
                        : new RmiSettings(
                                engineKeystore != null
                                        ? engineKeystore
                                        : EngineCommand.defaultKeystore(options.root));
        if (rmi.ssl() && !Files.isRegularFile(rmi.keystore())) {
            throw new IllegalArgumentException(
                    "no RMI keystore at "
                            + rmi.keystore()
                            + ": copy the one ./pixelforge engine made (it prints where) and give"
                            + " it with --engine-keystore, or use --no-engine-ssl with engines"
                            + " started with --no-ssl");
        }
        return new EngineSet(
                list,
                rmi,
                controllerHostname != null
                        ? controllerHostname
                        : EngineSet.defaultControllerHostname(list),
                controllerPort);
    }
}
