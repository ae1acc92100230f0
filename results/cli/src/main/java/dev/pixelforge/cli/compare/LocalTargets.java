package dev.pixelforge.cli.compare;

import dev.pixelforge.load.jmeter.Credential;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.profile.Dilation;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.platform.sample.InstanceLog;
import dev.pixelforge.standins.Deployables;
import dev.pixelforge.standins.LocalCloud;
import dev.pixelforge.standins.metrics.LocalCloudShapes;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The local stand-ins of the chosen targets, started for one run and stopped after it. */
public final class LocalTargets implements Targets {

    private final LocalCloud cloud;
    private final LocalCloudShapes shapes;
    private final PlatformProfile platform;
    private final Map<Target, URI> urls = new LinkedHashMap<>();
    private boolean finished;

    private LocalTargets(
            LocalCloud cloud,
            LocalCloudShapes shapes,
            PlatformProfile platform,
            List<Target> chosen) {
        this.cloud = cloud;
        this.shapes = shapes;
        this.platform = platform;
        chosen.forEach(t -> urls.put(t, cloud.url(t)));
    }

    /**
     * Starts the stand-ins, dilated as {@code dilation} says ("auto" or a factor, for a load with
     * at most {@code inFlight} requests in flight at once); their instances start on the first
     * request, so cold starts are part of the run.
     */
    public static LocalTargets start(
            Deployables jars,
            PlatformProfile platform,
            String dilation,
            int inFlight,
            List<Target> chosen,
            Path workDir,
            PrintStream out)
            throws IOException {
        LocalCloudShapes shapes = new LocalCloudShapes(t -> platform.of(t).billing());
        int cores = Runtime.getRuntime().availableProcessors();
        LocalCloud cloud =
                LocalCloud.start(
                        jars,
                        platform,
                        cpu -> Dilation.parse(dilation, platform, cores, inFlight),
                        workDir,
                        LocalCloud.Ports.ANY,
                        shapes);
        out.println(cloud.cpu().describe());
        out.print(cloud.dilation().describe(platform));
        out.print(cloud.describeJdks());
        return new LocalTargets(cloud, shapes, platform, chosen);
    }

    @Override
    public Map<Target, URI> urls() {
        return Collections.unmodifiableMap(urls);
    }

    /**
     * The gateways and fronts run in this JVM (their instances are JVMs of their own): the client's
     * figures are an upper bound.
     */
    @Override
    public String alongsideClient() {
        return "the load client and the local stand-ins' gateways and fronts (not their instances):"
                + " an upper bound on the client's own use";
    }

    @Override
    public void describe(Properties about) {
        about.setProperty(
                RunManifest.TARGETS,
                "local stand-ins: " + urls.keySet().stream().map(Target::id).toList());
        about.setProperty(RunManifest.PLATFORM, platform.describe().replaceAll("\\s+", " ").trim());
        RunManifest.of(about)
                .isolation(
                        new RunManifest.Isolation(cloud.cpu().isolated(), cloud.cpu().describe()))
                .copyInto(about);
        about.setProperty(
                RunManifest.CORES_FOR_INSTANCES,
                Double.toString(cloud.dilation().coresForInstances()));
        for (Target t : Target.values()) {
            about.setProperty(
                    RunManifest.DILATION + t.id(), Double.toString(cloud.dilation().of(t)));
            Double over = cloud.dilation().oversubscription().get(t);
            if (over != null) {
                about.setProperty(RunManifest.OVERSUBSCRIPTION + t.id(), Double.toString(over));
            }
        }
    }

    /** Private when the API Gateway stand-in asks for this run's key; otherwise local. */
    @Override
    public String access(Target target) {
        return credential(target) != null ? RunManifest.ACCESS_PRIVATE : RunManifest.ACCESS_LOCAL;
    }

    @Override
    public Credential credential(Target target) {
        return target == Target.AWS_LAMBDA
                ? cloud.apiKey()
                        .map(key -> Credential.apiKey("aws-lambda.api-key", key))
                        .orElse(null)
                : null;
    }

    @Override
    public double dilation(Target target) {
        return cloud.dilation().of(target);
    }

    @Override
    public void done(Target target) {
        cloud.stopInstances(target);
    }

    /** Every instance the run used, and the stand-ins' own view in the clouds' API shapes. */
    @Override
    public void finish(Path runDir, PrintStream out) throws IOException {
        List<InstanceRecord> all = new ArrayList<>(shapes.stoppedInstances());
        all.addAll(cloud.liveInstances());
        cloud.close();
        finished = true;
        InstanceLog.write(runDir.resolve(RunLayout.INSTANCES), all);
        shapes.write(runDir.resolve(RunLayout.CLOUD), all);
    }

    @Override
    public void close() {
        if (!finished) {
            cloud.close();
        }
    }
}
