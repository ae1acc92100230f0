package dev.pixelforge.cli.bench;

import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.images.StudyImageSet;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.profile.Dilation;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.sample.InstanceLog;
import dev.pixelforge.platform.sample.ServerTiming;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.TargetSummary;
import dev.pixelforge.standins.Deployables;
import dev.pixelforge.standins.LocalCloud;
import dev.pixelforge.standins.process.CpuIsolation;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./pixelforge bench model}: the scale model's figures that depend on the machine's speed
 * and load, measured and printed, never asserted (they left {@code mvn verify}, where a busy
 * neighbour flipped them): an instance's CPU share (the same CPU-bound request at half and at a
 * whole vCPU), scale invariance (cloud-equivalent time at a reserved concurrency that fits the
 * machine and one that is dilated), and Cloud Run's scale-out under the quick profile.
 */
public final class ModelBench {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * {@code warmUp}, {@code measured}: requests per side of a CPU-share pair, left out then kept;
     * {@code requestsPerThread}: per environment in the scale-invariance pair (the first 8 left
     * out); {@code quickRun}: runs {@code compare --targets container} and returns its run folder,
     * or null to leave the scale-out row out.
     */
    public record Settings(
            int warmUp, int measured, int requestsPerThread, Callable<Path> quickRun) {}

    /** One figure: what was measured, the two sides, the ratio and what the model says. */
    public record Row(String figure, String sides, String measured, String model) {}

    private ModelBench() {}

    /**
     * Runs every figure and prints the dated table; fails (IllegalStateException) where no cgroup
     * can be written, since without quotas there is no model to measure.
     */
    public static List<Row> run(Path root, Settings settings, PrintStream out) throws Exception {
        try (CpuIsolation cpu = CpuIsolation.detect()) {
            if (!cpu.isolated()) {
                throw new IllegalStateException(cpu.describe());
            }
        }
        String before = loadAverage();
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] eightK = studyImage(root, "7680x4320-jpeg");
        byte[] fullHd = studyImage(root, "1920x1080-jpeg");
        List<Row> rows = new ArrayList<>();
        rows.add(
                cpuShare(
                        root,
                        "Lambda CPU share: 8K sepia app p50",
                        Target.AWS_LAMBDA,
                        Map.of("aws-lambda.memory-mb", "885"),
                        Map.of("aws-lambda.memory-mb", "1769"),
                        "885 MB / 1,769 MB",
                        eightK,
                        settings));
        rows.add(
                cpuShare(
                        root,
                        "Cloud Run CPU share: 8K sepia app p50",
                        Target.CONTAINER,
                        Map.of("container.cpus", "0.5", "container.concurrency", "1"),
                        Map.of("container.cpus", "1", "container.concurrency", "1"),
                        "0.5 vCPU / 1 vCPU",
                        eightK,
                        settings));
        rows.add(scaleInvariance(root, fullHd, settings.requestsPerThread()));
        if (settings.quickRun() != null) {
            rows.add(scaleOut(settings.quickRun().call()));
        }
        String after = loadAverage();
        out.println(
                "pixelforge bench model, "
                        + started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                        + ", "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores, "
                        + System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"));
        out.println("load average (1, 5, 15 min) before: " + before + "; after: " + after);
        out.println();
        out.print(table(rows));
        return rows;
    }

    /** The rows as a Markdown table, the form the docs quote. */
    public static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        s.append("| figure | sides | measured | model |\n");
        s.append("|---|---|---|---|\n");
        for (Row r : rows) {
            s.append("| ")
                    .append(r.figure())
                    .append(" | ")
                    .append(r.sides())
                    .append(" | ")
                    .append(r.measured())
                    .append(" | ")
                    .append(r.model())
                    .append(" |\n");
        }
        return s.toString();
    }

    /** The three load averages of /proc/loadavg, or why there are none. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown (no /proc/loadavg)";
        }
    }

    /**
     * The function's median own time (Server-Timing app) on two stand-ins at once, requests taking
     * turns, one at a time, so that the machine's drift weighs on both alike.
     */
    private static Row cpuShare(
            Path root,
            String figure,
            Target target,
            Map<String, String> half,
            Map<String, String> whole,
            String sides,
            byte[] image,
            Settings settings)
            throws Exception {
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        try (LocalCloud slow = start(root, half, false);
                LocalCloud fast = start(root, whole, false)) {
            for (int i = 0; i < settings.warmUp() + settings.measured(); i++) {
                double onSlow = appMillis(slow.url(target), image);
                double onFast = appMillis(fast.url(target), image);
                if (i >= settings.warmUp()) {
                    a.add(onSlow);
                    b.add(onFast);
                }
            }
        }
        double slowMs = median(a);
        double fastMs = median(b);
        return new Row(
                figure,
                sides,
                String.format(
                        Locale.ROOT,
                        "%.0f ms / %.0f ms = %.2fx (%d measured each)",
                        slowMs,
                        fastMs,
                        slowMs / fastMs,
                        settings.measured()),
                "2.00x");
    }

    private static Row scaleInvariance(Path root, byte[] image, int requestsPerThread)
            throws Exception {
        double[] small = dilatedLambda(root, 2, image, requestsPerThread);
        int large = 5;
        double[] big = dilatedLambda(root, large, image, requestsPerThread);
        double smallCloud = small[0] / small[1];
        double bigCloud = big[0] / big[1];
        return new Row(
                "Scale invariance: Lambda 1080p sepia, cloud-equivalent app p50",
                "reserved concurrency " + large + " / 2",
                String.format(
                        Locale.ROOT,
                        "%.1f ms (k %.2f) / %.1f ms (k %.2f) = %.2fx",
                        bigCloud,
                        big[1],
                        smallCloud,
                        small[1],
                        bigCloud / smallCloud),
                "1.00x (undilated: the oversubscription)");
    }

    /** {app p50 ms, dilation k} with {@code environments} threads, each its own environment. */
    private static double[] dilatedLambda(
            Path root, int environments, byte[] image, int requestsPerThread) throws Exception {
        try (LocalCloud cloud =
                start(
                        root,
                        Map.of("aws-lambda.reserved-concurrency", Integer.toString(environments)),
                        true)) {
            URI url = cloud.url(Target.AWS_LAMBDA);
            List<Double> app = Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newFixedThreadPool(environments);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < environments; t++) {
                    done.add(
                            threads.submit(
                                    () -> {
                                        for (int r = 0; r < requestsPerThread; r++) {
                                            double ms = appMillis(url, image);
                                            // The cold one, and the warm ones while the JIT
                                            // catches up in its quota, are left out.
                                            if (r > 7) {
                                                app.add(ms);
                                            }
                                        }
                                        return null;
                                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                threads.shutdownNow();
            }
            return new double[] {
                median(new ArrayList<>(app)), cloud.dilation().of(Target.AWS_LAMBDA)
            };
        }
    }

    private static Row scaleOut(Path run) throws IOException {
        TargetSummary container = ReportWriter.write(run).targets().get(0);
        List<InstanceRecord> instances =
                InstanceLog.read(run.resolve(RunLayout.INSTANCES)).stream()
                        .filter(i -> i.target() == Target.CONTAINER)
                        .toList();
        // An instance starts after the window opens and is stopped once it closes (2 s allowed).
        double windowMillis = container.windowSeconds() * 1000 + 2000;
        double worst = 0;
        for (InstanceRecord i : instances) {
            worst = Math.max(worst, i.cpuMillis() / (i.cpuQuota() * windowMillis));
        }
        return new Row(
                "Cloud Run scale-out: compare --targets container (quick)",
                "instances; most CPU used / quota x window",
                String.format(Locale.ROOT, "%d instances; %.2f of quota", instances.size(), worst),
                "more than 1; at most 1.00");
    }

    private static LocalCloud start(Path root, Map<String, String> settings, boolean dilated)
            throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        PlatformProfile profile = PlatformProfile.from(p);
        Path work =
                Files.createDirectories(root.resolve("results/runs/bench-model"))
                        .resolve("standin-" + System.nanoTime());
        Files.createDirectories(work);
        return LocalCloud.start(
                Deployables.under(root),
                profile,
                cpu ->
                        dilated
                                ? Dilation.automatic(
                                        profile,
                                        Runtime.getRuntime().availableProcessors(),
                                        Dilation.RESERVED_CORES)
                                : Dilation.none(),
                work,
                LocalCloud.Ports.ANY,
                StandInEvents.NONE);
    }

    private static byte[] studyImage(Path root, String name) throws IOException {
        StudyImage image =
                StudyImageSet.in(root.resolve("results/runs/images")).images().stream()
                        .filter(i -> i.name().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no study image " + name));
        return Files.readAllBytes(image.file());
    }

    private static double appMillis(URI base, byte[] image) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(base.resolve("/tone?scale=sepia"))
                                .timeout(Duration.ofSeconds(90))
                                .header("Content-Type", "image/jpeg")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(image))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
        String timing =
                r.headers()
                        .firstValue("Server-Timing")
                        .orElseThrow(() -> new IllegalStateException("no Server-Timing header"));
        return ServerTiming.parse(timing).get("app") / 1000.0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }
}
