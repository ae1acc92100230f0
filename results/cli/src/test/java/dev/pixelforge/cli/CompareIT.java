package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.testing.RepositoryRoot;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.sample.InstanceLog;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.Distribution;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The main command for real, short: three stand-ins, embedded JMeter, and a report with every
 * section filled.
 */
class CompareIT {

    static final Path ROOT = RepositoryRoot.path();
    static final Path RUNS = ItRuns.dir("it-runs");

    @Test
    void shortCompareRun_writesAReportWithEverySectionFilled_andReportRemakesItFromSamples()
            throws Exception {
        int exit =
                new CommandLine(new PixelForgeCli())
                        .execute(
                                "compare",
                                "--root",
                                ROOT.toString(),
                                "--runs",
                                RUNS.toString(),
                                "--duration",
                                "12",
                                "--ramp",
                                "1",
                                "--threads",
                                "3",
                                "--max-image",
                                "640x480",
                                "--set",
                                "aws-lambda.reserved-concurrency=2",
                                "--dilation",
                                "1");
        assertEquals(0, exit);
        Path run;
        try (Stream<Path> runs = Files.list(RUNS)) {
            run =
                    runs.filter(p -> p.getFileName().toString().endsWith("-quick"))
                            .max(Path::compareTo)
                            .orElseThrow();
        }
        for (String f :
                List.of(
                        "samples.csv",
                        "instances.csv",
                        "run.properties",
                        "plan.jmx",
                        "plan.properties",
                        "plan-images.csv",
                        "report.html",
                        "summary.md",
                        "summary.csv",
                        "result.csv")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f + " is missing or empty");
        }
        // samples.csv holds everything: a JTL only with --jtl (JtlIT, in results/load, asks for one
        // and checks it).
        assertFalse(Files.exists(run.resolve("jtl")), "no JTL unless asked for");

        RunSummary summary = ReportWriter.write(run);
        assertEquals(
                List.of("aws-lambda", "gcp-function", "container"),
                summary.targets().stream().map(TargetSummary::target).toList());
        // How many succeed in 12 s is the machine's to say (a cold Lambda environment takes 5 to
        // 25 s here): some must, with process times. Counted from the samples, over the whole
        // window: a run this short may be all start-up, which the report leaves out of its figures.
        Map<String, Long> answered = new HashMap<>();
        SampleLog.read(
                run.resolve("samples.csv"),
                s -> {
                    if (s.success() && s.appMicros() > 0) {
                        answered.merge(s.target(), 1L, Long::sum);
                    }
                });
        assertEquals(Set.of("aws-lambda", "gcp-function", "container"), answered.keySet());
        for (TargetSummary t : summary.targets()) {
            assertTrue(t.allRequests() > 0, t.target() + ": no requests");
            assertTrue(
                    t.resources().known()
                            && t.resources().cpuMillis() > 0
                            && t.resources().peakRssKb() > 0,
                    t.target() + " resources");
            assertFalse(t.perSecond().isEmpty());
        }
        // Every answer's round trip holds its process time (JMeter's whole milliseconds allow 1 ms
        // of rounding).
        SampleLog.read(
                run.resolve("samples.csv"),
                s ->
                        assertTrue(
                                s.appMicros() < 0 || s.roundTripMicros() + 1000 >= s.appMicros(),
                                "process longer than round trip: " + s));
        TargetSummary lambda = summary.targets().get(0);
        assertTrue(
                lambda.allThrottles() > 0,
                "3 threads against reserved concurrency 2 must be throttled sometimes");
        assertExactCounts(run, summary);
        assertLatencyLogsAgreeWithTheReport(run, summary);

        String html = Files.readString(run.resolve("report.html"));
        assertEquals(
                6,
                html.split("class=\"uplot-chart\"").length - 1,
                "six interactive charts: the run copies its prices, so monthly cost too");
        assertEquals(6, html.split("<noscript><img ").length - 1, "six PNG fallbacks");
        // The dashboard is on by default: one per target, linked from the report.
        for (TargetSummary t : summary.targets()) {
            String index = "jmeter-dashboard/" + t.target() + "/index.html";
            assertTrue(Files.size(run.resolve(index)) > 0, index + " is missing or empty");
            assertTrue(
                    html.contains("href=\"" + index + "\""), "report.html does not link " + index);
        }
        for (String section :
                List.of(
                        "Side by side",
                        "Round trip over time",
                        "Throughput and throttles",
                        "Steady-state round trip",
                        "By image size",
                        "Cold starts",
                        "throttles",
                        "CPU time",
                        "peak RSS",
                        "Cloud metrics",
                        "Init Duration",
                        "startup_latencies",
                        "Cost",
                        "USD per million",
                        "Monthly cost against traffic",
                        "Break-even")) {
            assertTrue(html.contains(section), "the report has no " + section);
        }
        String md = Files.readString(run.resolve("summary.md"));
        Files.delete(run.resolve("summary.md"));
        Files.delete(run.resolve("report.html"));
        assertEquals(0, new CommandLine(new PixelForgeCli()).execute("report", run.toString()));
        assertEquals(
                md,
                Files.readString(run.resolve("summary.md")),
                "report must remake the same summary from the samples");
        assertTrue(Files.size(run.resolve("report.html")) > 0);
    }

    /**
     * HdrHistogram's log of each target, recorded live, holds the sample log's successes (the whole
     * window: the report's figures are of the steady state alone) and, both being nearest-rank,
     * their p50 and p99 within HdrHistogram's three significant digits.
     */
    private static void assertLatencyLogsAgreeWithTheReport(Path run, RunSummary summary)
            throws IOException {
        for (TargetSummary t : summary.targets()) {
            Histogram all = new Histogram(3);
            try (HistogramLogReader reader =
                    new HistogramLogReader(
                            run.resolve("histograms/" + t.target() + ".hlog").toFile())) {
                while (reader.hasNext()) {
                    all.add((Histogram) reader.nextIntervalHistogram());
                }
            }
            List<Long> trips = new ArrayList<>();
            SampleLog.read(
                    run.resolve("samples.csv"),
                    s -> {
                        if (s.target().equals(t.target()) && s.success()) {
                            trips.add(s.roundTripMicros());
                        }
                    });
            Distribution whole =
                    Distribution.of(trips.stream().mapToLong(Long::longValue).toArray());
            assertEquals(
                    whole.count(), all.getTotalCount(), t.target() + ": successes in the .hlog");
            assertTrue(
                    all.valuesAreEquivalent(whole.p50(), all.getValueAtPercentile(50)),
                    t.target()
                            + ": p50 "
                            + whole.p50()
                            + " vs HdrHistogram's "
                            + all.getValueAtPercentile(50));
            assertTrue(
                    all.valuesAreEquivalent(whole.p99(), all.getValueAtPercentile(99)),
                    t.target()
                            + ": p99 "
                            + whole.p99()
                            + " vs HdrHistogram's "
                            + all.getValueAtPercentile(99));
        }
    }

    /**
     * The counts the run knows two ways hold exactly on the stand-ins: counted here from the run's
     * files, independently of the report's code, and then as the report's cross-checks.
     */
    private static void assertExactCounts(Path run, RunSummary summary) throws IOException {
        Map<String, long[]> counted = new HashMap<>(); // samples, throttles, cold
        SampleLog.read(
                run.resolve("samples.csv"),
                s -> {
                    long[] c = counted.computeIfAbsent(s.target(), k -> new long[3]);
                    c[0]++;
                    c[1] += s.throttled() ? 1 : 0;
                    c[2] += s.isCold() ? 1 : 0;
                });
        Properties standins = new Properties();
        try (Reader in = Files.newBufferedReader(run.resolve("cloud/standins.properties"))) {
            standins.load(in);
        }
        List<InstanceRecord> instances = InstanceLog.read(run.resolve("instances.csv"));
        for (String target : List.of("aws-lambda", "gcp-function", "container")) {
            long[] c = counted.get(target);
            assertEquals(
                    instances.stream()
                            .filter(i -> i.target().id().equals(target) && i.requests() > 0)
                            .count(),
                    c[2],
                    target + ": cold starts in the samples = instances that served a request");
            assertEquals(
                    Long.parseLong(standins.getProperty("throttles." + target)),
                    c[1],
                    target + ": throttles = the stand-ins' refusals");
        }
        long[] lambda = counted.get("aws-lambda");
        String logs = Files.readString(run.resolve("cloud/aws-lambda-logs.json"));
        long reportLines = logs.split("REPORT RequestId: ", -1).length - 1;
        assertEquals(
                lambda[0] - lambda[1], reportLines, "REPORT lines = Lambda requests not throttled");
        for (String target : List.of("gcp-function", "container")) {
            String requestCount =
                    Files.readString(run.resolve("cloud/" + target + "-request_count.json"));
            long reached =
                    Pattern.compile("\"int64Value\":\"(\\d+)\"")
                            .matcher(requestCount)
                            .results()
                            .mapToLong(m -> Long.parseLong(m.group(1)))
                            .sum();
            assertEquals(
                    counted.get(target)[0],
                    reached,
                    target + ": Cloud Monitoring request_count = its samples");
        }
        // The report makes the same checks, CloudWatch's Invocations and Throttles among them: five
        // for
        // Lambda, three for each Google target, every one holding.
        assertEquals(11, summary.crossChecks().size(), summary.crossChecks().toString());
        summary.crossChecks().forEach(c -> assertTrue(c.agrees(), c.toString()));
        assertTrue(Files.readString(run.resolve("summary.md")).contains("## Cross-checks"));
    }
}
