package dev.pixelforge.standins;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.profile.Dilation;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.platform.profile.TargetProfile;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.standins.aws.ApiGatewayFront;
import dev.pixelforge.standins.aws.ApiKeys;
import dev.pixelforge.standins.aws.LambdaLaunch;
import dev.pixelforge.standins.aws.LambdaService;
import dev.pixelforge.standins.google.InstancePool;
import dev.pixelforge.standins.google.InvokerLauncher;
import dev.pixelforge.standins.google.PoolFront;
import dev.pixelforge.standins.process.AppCdsArchive;
import dev.pixelforge.standins.process.ChildJvm;
import dev.pixelforge.standins.process.CpuGroup;
import dev.pixelforge.standins.process.CpuIsolation;
import dev.pixelforge.standins.process.JavaRuntime;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The three platforms on one machine, each around its real deployable: API Gateway + Lambda, Cloud
 * Functions gen2, Cloud Run. Closing it stops every instance it started.
 */
public final class LocalCloud implements AutoCloseable {

    /** Loopback ports of the three fronts; 0 picks a free one. */
    public record Ports(int lambda, int function, int container) {
        public static final Ports ANY = new Ports(0, 0, 0);
    }

    private final LambdaService lambda;
    private final ApiGatewayFront gateway;
    private final InstancePool functions;
    private final PoolFront functionFront;
    private final InstancePool run;
    private final PoolFront runFront;

    private final CpuIsolation cpu;
    private final Dilation dilation;
    private final Map<Target, JavaRuntime> jdks;
    private final String apiKey;

    private LocalCloud(
            LambdaService lambda,
            ApiGatewayFront gateway,
            InstancePool functions,
            PoolFront functionFront,
            InstancePool run,
            PoolFront runFront,
            CpuIsolation cpu,
            Dilation dilation,
            Map<Target, JavaRuntime> jdks,
            String apiKey) {
        this.apiKey = apiKey;
        this.cpu = cpu;
        this.jdks = Map.copyOf(jdks);
        this.dilation = dilation;
        this.lambda = lambda;
        this.gateway = gateway;
        this.functions = functions;
        this.functionFront = functionFront;
        this.run = run;
        this.runFront = runFront;
    }

    /** Undilated: every instance at its platform's share of a CPU (the stand-ins' tests). */
    public static LocalCloud start(
            Deployables jars,
            PlatformProfile profile,
            Path workDir,
            Ports ports,
            StandInEvents events)
            throws IOException {
        return start(jars, profile, ignored -> Dilation.none(), workDir, ports, events);
    }

    /**
     * {@code dilation}: the scale model's factors, chosen once the CPU isolation is known (where no
     * quota can be enforced, nothing can be dilated either).
     */
    public static LocalCloud start(
            Deployables jars,
            PlatformProfile profile,
            Function<CpuIsolation, Dilation> dilation,
            Path workDir,
            Ports ports,
            StandInEvents events)
            throws IOException {
        jars.check();
        Path logs = workDir.resolve(RunLayout.LOGS);
        Path jni = LambdaLaunch.unpackJni(jars.lambdaRuntimeClientJar(), workDir);
        // Every instance in a CPU quota of its platform's share, where the kernel lets us set one.
        CpuIsolation cpu = CpuIsolation.detect();
        Dilation k = cpu.isolated() ? dilation.apply(cpu) : Dilation.none();
        // Each target on the JDK its platform runs (and so its JPEG codec), as the profile says.
        Map<Target, JavaRuntime> jdks = new EnumMap<>(Target.class);
        for (Target t : Target.values()) {
            jdks.put(t, JavaRuntime.choose(profile.javaHome(t), t.id(), System.err::println));
        }
        LambdaLaunch launch =
                new LambdaLaunch(
                        LambdaLaunch.prepareTaskRoot(jars.lambdaJar(), workDir),
                        jars.lambdaRuntimeClasspath(),
                        logs,
                        List.of("-D" + LambdaLaunch.JNI_PROPERTY + "=" + jni),
                        cpu,
                        jdks.get(Target.AWS_LAMBDA));
        List<AutoCloseable> started = new ArrayList<>();
        started.add(cpu);
        try {
            LambdaService lambda =
                    track(
                            started,
                            new LambdaService(
                                    profile.of(Target.AWS_LAMBDA).dilated(k.of(Target.AWS_LAMBDA)),
                                    launch,
                                    events));
            String key = profile.apiGateway().localKeyRequired() ? ApiKeys.generate() : null;
            ApiGatewayFront gateway =
                    track(started, new ApiGatewayFront(lambda, ports.lambda(), key));

            TargetProfile fn = profile.of(Target.GCP_FUNCTION).dilated(k.of(Target.GCP_FUNCTION));
            InvokerLauncher invokerLauncher = InvokerLauncher.prepare(workDir);
            InstancePool functions =
                    track(
                            started,
                            new InstancePool(
                                    fn,
                                    (id, port) ->
                                            ChildJvm.start(
                                                    jdks.get(Target.GCP_FUNCTION),
                                                    jvm(
                                                            fn,
                                                            invokerArgs(
                                                                    jars, invokerLauncher, port)),
                                                    Map.of(),
                                                    logs.resolve("gcp-function-" + id + ".log"),
                                                    Path.of("").toAbsolutePath(),
                                                    boosted(
                                                            cpu.group(
                                                                    "gcp-function-" + id,
                                                                    fn.cpus()),
                                                            fn)),
                                    events));
            PoolFront functionFront = track(started, new PoolFront(functions, ports.function()));

            TargetProfile cr = profile.of(Target.CONTAINER).dilated(k.of(Target.CONTAINER));
            // The container runs as its Dockerfile runs it: with an AppCDS archive made for this
            // jar.
            List<String> containerArgs = new ArrayList<>();
            AppCdsArchive.forJar(
                            jars.containerJar(), jars.containerJar().getParent().resolve("cds"))
                    .ifPresent(a -> containerArgs.add("-XX:SharedArchiveFile=" + a));
            // Loopback only: the stand-in's front is the door; Cloud Run itself listens on all.
            containerArgs.add("-Dmicronaut.server.host=127.0.0.1");
            containerArgs.addAll(List.of("-jar", jars.containerJar().toString()));
            InstancePool run =
                    track(
                            started,
                            new InstancePool(
                                    cr,
                                    (id, port) ->
                                            ChildJvm.start(
                                                    jdks.get(Target.CONTAINER),
                                                    jvm(cr, containerArgs),
                                                    Map.of("PORT", Integer.toString(port)),
                                                    logs.resolve("container-" + id + ".log"),
                                                    Path.of("").toAbsolutePath(),
                                                    boosted(
                                                            cpu.group("container-" + id, cr.cpus()),
                                                            cr)),
                                    events));
            PoolFront runFront = track(started, new PoolFront(run, ports.container()));
            return new LocalCloud(
                    lambda, gateway, functions, functionFront, run, runFront, cpu, k, jdks, key);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : started) {
                closeQuietlyAfterFailure(c, e);
            }
            throw e;
        }
    }

    /** A Google instance's JVM command line: the profile's options, then {@code args}. */
    static List<String> jvm(TargetProfile profile, List<String> args) {
        List<String> all = new ArrayList<>(profile.jvmOptions());
        all.addAll(args);
        return all;
    }

    /**
     * The group with the startup CPU boost applied when the profile asks for it (the instance's
     * pool ends it {@link TargetProfile#startupBoostAfterReady} after it is ready), and its share
     * whenever it runs, however busy this machine is with other work.
     */
    private static CpuGroup boosted(CpuGroup group, TargetProfile profile) {
        group.guarantee();
        group.startup(profile.startupVcpus()); // the share itself when the boost is off
        return group;
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> started, T thing) {
        started.add(0, thing);
        return thing;
    }

    private static void closeQuietlyAfterFailure(AutoCloseable c, Exception cause) {
        try {
            c.close();
        } catch (Exception suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    public URI url(Target target) {
        return switch (target) {
            case AWS_LAMBDA -> gateway.url();
            case GCP_FUNCTION -> functionFront.url();
            case CONTAINER -> runFront.url();
        };
    }

    /**
     * The key the API Gateway stand-in wants in {@code x-api-key}, made for this run when the
     * profile says {@code aws-lambda.api-key-required=true}; empty when it wants none. Held in this
     * JVM only: the client sends it, nothing writes it.
     */
    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    public LambdaService lambda() {
        return lambda;
    }

    public InstancePool functions() {
        return functions;
    }

    public InstancePool run() {
        return run;
    }

    /** Every instance alive now, on every platform, with its resources so far. */
    public List<InstanceRecord> liveInstances() {
        List<InstanceRecord> all = new ArrayList<>(lambda.liveInstances());
        all.addAll(functions.liveInstances());
        all.addAll(run.liveInstances());
        return all;
    }

    /**
     * Stops every instance of {@code target} now (their records go to the events as usual); the
     * target keeps serving.
     */
    public void stopInstances(Target target) {
        switch (target) {
            case AWS_LAMBDA -> lambda.stopInstances();
            case GCP_FUNCTION -> functions.stopInstances();
            case CONTAINER -> run.stopInstances();
        }
    }

    /** The scale model's time-dilation factor per target (1 where none). */
    public Dilation dilation() {
        return dilation;
    }

    /** The JDK {@code target}'s instances run on: vendor, version and JPEG codec. */
    public JavaRuntime jdk(Target target) {
        return jdks.get(target);
    }

    /** A line per target, for the banner: " aws-lambda runs on Eclipse Adoptium 25...". */
    public String describeJdks() {
        StringBuilder sb = new StringBuilder();
        for (Target t : Target.values()) {
            sb.append(
                    String.format(
                            Locale.ROOT, "  %-13s runs on %s%n", t.id(), jdks.get(t).describe()));
        }
        return sb.toString();
    }

    /** How each instance's CPU share is enforced, or why it is not. */
    public CpuIsolation cpu() {
        return cpu;
    }

    /** Fronts first, so nothing new arrives while the instances stop; the run's CPU group last. */
    @Override
    public void close() {
        gateway.close();
        functionFront.close();
        runFront.close();
        lambda.close();
        functions.close();
        run.close();
        cpu.close();
    }

    /** Google's Functions Framework invoker running the function jar, as Cloud Functions does. */
    /**
     * Google's invoker on its jar, listening on loopback only ({@link InvokerLauncher}): the
     * stand-in's front is the door, as for the container's instances.
     */
    static List<String> invokerArgs(Deployables jars, InvokerLauncher launcher, int port) {
        return launcher.args(
                jars.invokerJar(),
                jars.functionJar(),
                "io.micronaut.gcp.function.http.HttpFunction",
                port);
    }
}
