package dev.pixelforge.cli;

import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.images.StudyImageSet;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.load.jmeter.LoadRunner;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.load.jmeter.RunFolder;
import dev.pixelforge.standins.Deployables;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.standins.LocalCloud;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.standins.metrics.LocalCloudShapes;
import dev.pixelforge.platform.Target;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.platform.sample.InstanceLog;
import dev.pixelforge.platform.sample.SampleLog;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: the same load on every target, one after another, then the side-by-side report.
 * Targets are the local stand-ins unless a targets file names deployed URLs.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Put one load profile on Lambda, Cloud Functions and the container, and write the side-by-side report.")
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "quick",
            description = "Load profile: quick (default), rando-t3micro, rando-m7i, cmpt756.")
    String profileName;

    @Option(names = "--targets", description = "Which targets: a comma list of aws-lambda, gcp-function, container (local"
            + " stand-ins), or a properties file mapping those names to deployed URLs.")
    String targets;

    @Option(names = "--threads", description = "Override the profile's threads.")
    Integer threads;

    @Option(names = "--ramp", description = "Override the profile's ramp-up, in seconds.")
    Integer ramp;

    @Option(names = "--duration", description = "Override the profile's seconds per target (ramp-up included).")
    Integer duration;

    @Option(names = "--operation", description = "Override the operation: tone-json, tone, generate.")
    String operation;

    @Option(names = "--max-image", description = "Send only images up to this size, e.g. 1920x1080.")
    String maxImage;

    @Option(names = "--platform", description = "Platform profile for the stand-ins (default: results/platform.properties).")
    Path platformFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a platform profile key, e.g. --set aws-lambda.reserved-concurrency=2")
    Map<String, String> platformOverrides = new LinkedHashMap<>();

    @Option(names = "--root", defaultValue = ".", description = "Repository root (default: the current directory).")
    Path root;

    @Option(names = "--runs", description = "Where run folders go (default: results/runs).")
    Path runs;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        LoadProfile profile;
        Map<String, URI> deployed;
        List<Target> chosen;
        PlatformProfile platform;
        try {
            profile = profile();
            deployed = deployedTargets();
            chosen = deployed.isEmpty() ? localTargets() : List.of();
            platform = PlatformProfile.load(platformFile != null ? platformFile : root.resolve("results/platform.properties"), platformOverrides);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pixelforge compare: " + e.getMessage());
            return 2;
        }
        Path runsDir = (runs != null ? runs : root.resolve("results/runs")).toAbsolutePath().normalize();
        out.println("PixelForge compare: " + profile.describe());
        out.println("preparing the image set (made once, then reused) ...");
        StudyImageSet images = StudyImageSet.in(runsDir.resolve("images"));
        Path runDir = RunFolder.create(runsDir, profile, images);
        List<StudyImage> sent = RunFolder.sentImages(profile, images);

        Properties about = new Properties();
        about.setProperty("profile", profile.name());
        about.setProperty("load", profile.describe());
        about.setProperty("images", sent.size() + " (" + sent.get(0).name() + " to " + sent.get(sent.size() - 1).name() + ")");
        about.setProperty("client", "Apache JMeter 5.6.3 embedded (jmeter-java-dsl 2.2), " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.runtime.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores");

        for (Target t : Target.values()) {
            about.setProperty("memory-mb." + t.id(), Integer.toString(platform.of(t).memoryMb()));
            about.setProperty("cpus." + t.id(), Integer.toString(platform.of(t).cpus()));
        }
        Path prices = root.resolve("results/pricing.properties");
        if (Files.exists(prices)) {
            Files.copy(prices, runDir.resolve("pricing.properties"));
        }
        LocalCloudShapes shapes = new LocalCloudShapes();
        LocalCloud cloud = null;
        Map<String, URI> urls = new LinkedHashMap<>(deployed);
        try (SampleLog log = SampleLog.appendTo(runDir.resolve("samples.csv"))) {
            if (deployed.isEmpty()) {
                about.setProperty("targets", "local stand-ins: " + chosen.stream().map(Target::id).toList());
                about.setProperty("platform", platform.describe().replaceAll("\\s+", " ").trim());
                out.println("starting the local stand-ins (instances start on the first request: cold starts are part of the run)");
                cloud = LocalCloud.start(Deployables.under(root), platform, runDir.resolve("local"), LocalCloud.Ports.ANY, shapes);
                for (Target t : chosen) {
                    urls.put(t.id(), cloud.url(t));
                }
            } else {
                about.setProperty("targets", "deployed: " + deployed);
                out.println("for the platforms' own metrics of this run, afterwards: <target>/deploy/deploy.sh metrics FROM TO "
                        + runDir.resolve("cloud") + ", then ./pixelforge report " + runDir);
            }
            for (Map.Entry<String, URI> target : urls.entrySet()) {
                out.println("== " + target.getKey() + "  " + target.getValue());
                LoadRunner.run(target.getKey(), target.getValue(), profile, runDir, log, out);
            }
        } finally {
            if (cloud != null) {
                List<InstanceRecord> all = new ArrayList<>(shapes.stoppedInstances());
                all.addAll(cloud.liveInstances());
                InstanceLog.write(runDir.resolve("instances.csv"), all);
                cloud.close();
                // The platforms' own view of the run, in the shapes the clouds' APIs return.
                shapes.write(runDir.resolve("cloud"), all);
            }
            try (java.io.Writer w = Files.newBufferedWriter(runDir.resolve("run.properties"))) {
                about.store(w, "what this run was");
            }
        }
        RunFolder.writePlan(runDir, profile);
        RunSummary summary = ReportWriter.write(runDir);
        out.println();
        out.print(ReportWriter.consoleTable(summary));
        out.println();
        out.println("report: " + runDir.resolve("report.html"));
        return 0;
    }

    private LoadProfile profile() {
        LoadProfile p = LoadProfile.named(profileName);
        if (threads != null) {
            p = p.withThreads(threads);
        }
        if (ramp != null) {
            p = p.withRamp(ramp);
        }
        if (duration != null) {
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
        return p;
    }

    private Map<String, URI> deployedTargets() throws IOException {
        Map<String, URI> urls = new LinkedHashMap<>();
        if (targets == null || !Files.isRegularFile(Path.of(targets))) {
            return urls;
        }
        Properties p = new Properties();
        try (java.io.Reader in = Files.newBufferedReader(Path.of(targets))) {
            p.load(in);
        }
        for (Target t : Target.values()) {
            String url = p.getProperty(t.id());
            if (url != null && !url.isBlank()) {
                urls.put(t.id(), URI.create(url.trim()));
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(targets + " names no target: write lines such as aws-lambda=https://...");
        }
        return urls;
    }

    private List<Target> localTargets() {
        if (targets == null) {
            return List.of(Target.values());
        }
        List<Target> list = new ArrayList<>();
        for (String name : targets.split(",")) {
            list.add(Target.of(name.trim()));
        }
        return list;
    }
}
