package dev.pixelforge.cli;

import dev.pixelforge.cli.page.ComparisonPage;
import dev.pixelforge.load.images.StudyImageSet;
import dev.pixelforge.load.jmeter.Credential;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.LambdaReport;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.profile.Dilation;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.standins.Deployables;
import dev.pixelforge.standins.LocalCloud;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the three local stand-ins, prints where they listen and the profile in force, reports
 * instances as they start and stop, and stops everything on Ctrl-C or SIGTERM.
 */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description =
                "Run API Gateway + Lambda, Cloud Functions and Cloud Run on loopback, around the"
                        + " real deployables.")
final class LocalCloudCommand implements Callable<Integer> {

    @Option(
            names = "--root",
            description = "Repository root (default: the current directory).",
            defaultValue = ".")
    Path root;

    @Option(
            names = "--profile",
            description = "Platform profile (default: results/platform.properties).")
    Path profileFile;

    @Option(
            names = "--set",
            description = "Override a profile key, e.g. --set aws-lambda.reserved-concurrency=2",
            paramLabel = "KEY=VALUE")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(
            names = "--ports",
            split = ",",
            description =
                    "Ports of the Lambda, Cloud Functions and Cloud Run fronts (default:"
                            + " 8081,8082,8083; 0 = any).",
            defaultValue = "8081,8082,8083")
    int[] ports;

    @Option(names = "--work", description = "Where instance logs go (default: results/runs/local).")
    Path work;

    @Option(
            names = "--dilation",
            defaultValue = "auto",
            paramLabel = "auto|K",
            description =
                    "Run the model K times slower so the configured peak fits this machine (default"
                            + " auto; 1 turns it off).")
    String dilation;

    @Option(
            names = "--page-port",
            defaultValue = "8080",
            description = "Port of the comparison page (default: 8080; 0 = any).")
    int pagePort;

    @Override
    public Integer call() throws Exception {
        if (ports.length != 3) {
            System.err.println("--ports takes three ports: Lambda, Cloud Functions, Cloud Run");
            return 2;
        }
        Path profilePath =
                profileFile != null ? profileFile : root.resolve("results/platform.properties");
        Path workDir = work != null ? work : root.resolve("results/runs/local");
        PlatformProfile profile;
        try {
            profile = PlatformProfile.load(profilePath, overrides);
            Dilation.parse(
                    dilation,
                    profile,
                    Runtime.getRuntime()
                            .availableProcessors()); // a bad --dilation fails here, in words
        } catch (IllegalArgumentException e) {
            System.err.println("pixelforge local: " + e.getMessage());
            return 2;
        }
        PrintStream out = System.out;
        LocalCloud cloud;
        try {
            cloud =
                    LocalCloud.start(
                            Deployables.under(root),
                            profile,
                            cpu ->
                                    Dilation.parse(
                                            dilation,
                                            profile,
                                            Runtime.getRuntime().availableProcessors()),
                            workDir,
                            new LocalCloud.Ports(ports[0], ports[1], ports[2]),
                            new Console(out));
        } catch (IllegalStateException | IOException e) {
            System.err.println("pixelforge local: " + e.getMessage());
            return 1;
        }
        ComparisonPage page;
        try {
            Map<String, URI> backends = new LinkedHashMap<>();
            for (Target t : Target.values()) {
                backends.put(t.id(), cloud.url(t));
            }
            page =
                    ComparisonPage.start(
                            root.resolve("web-ui/src/main/webapp"),
                            pagePort,
                            backends,
                            StudyImageSet.in(root.resolve("results/runs/images")).images(),
                            cloud.apiKey()
                                    .map(
                                            key ->
                                                    Map.of(
                                                            Target.AWS_LAMBDA.id(),
                                                            Credential.apiKey(
                                                                    "aws-lambda.api-key", key)))
                                    .orElse(Map.of()));
        } catch (IOException e) {
            cloud.close();
            System.err.println(
                    "pixelforge local: the comparison page could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    out.println("stopping: every instance goes with it");
                                    page.close();
                                    cloud.close();
                                    stopped.countDown();
                                },
                                "pixelforge-stop"));
        out.println("PixelForge local cloud (Ctrl-C stops everything)");
        out.printf(
                "  aws-lambda    %s   API Gateway REST -> Lambda (AWS runtime interface client)%n",
                cloud.url(Target.AWS_LAMBDA));
        out.printf(
                "  gcp-function  %s   Cloud Functions gen2 (Functions Framework invoker)%n",
                cloud.url(Target.GCP_FUNCTION));
        out.printf(
                "  container     %s   Cloud Run (container jar with PORT)%n",
                cloud.url(Target.CONTAINER));
        out.println(
                "profile " + profilePath + (overrides.isEmpty() ? "" : " with " + overrides) + ":");
        out.print(profile.describe());
        out.println(cloud.cpu().describe());
        out.print(cloud.dilation().describe(profile));
        out.print(cloud.describeJdks());
        out.println("instance logs: " + workDir.resolve(RunLayout.LOGS));
        out.println("comparison page: " + page.url());
        out.println("try: curl -sS -D - " + cloud.url(Target.AWS_LAMBDA) + "/health");
        out.flush();
        stopped.await();
        return 0;
    }

    /** One line per event, timestamped, so a person can watch instances come and go. */
    private static final class Console implements StandInEvents {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        private final PrintStream out;

        Console(PrintStream out) {
            this.out = out;
        }

        private void say(Target target, String what) {
            out.printf("%s %-12s %s%n", LocalTime.now().format(TIME), target.id(), what);
        }

        @Override
        public void instanceStarting(Target target, int id) {
            say(target, "instance " + id + " starting (cold start)");
        }

        @Override
        public void instanceReady(Target target, int id, double readyMillis) {
            say(target, String.format("instance %d ready in %.0f ms", id, readyMillis));
        }

        @Override
        public void instanceStopped(InstanceRecord r) {
            say(
                    r.target(),
                    String.format(
                            "instance %d stopped: ready in %.0f ms, %d requests, peak RSS %d MB,"
                                    + " CPU %.1f s",
                            r.id(),
                            r.readyMillis(),
                            r.requests(),
                            r.peakRssKb() / 1024,
                            r.cpuMillis() / 1000.0));
        }

        @Override
        public void throttled(Target target, String why) {
            say(target, "throttled: " + why);
        }

        @Override
        public void lambdaReport(LambdaReport report) {
            out.println(report.line());
        }
    }
}
