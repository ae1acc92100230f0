package dev.pixelforge.cli;

import dev.pixelforge.core.testing.RepositoryRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The main command for real, short: three stand-ins, embedded JMeter, and a report with every section filled. */
class CompareIT {

    static final Path ROOT = RepositoryRoot.path();
    static final Path RUNS = ROOT.resolve("results/cli/target/it-runs");

    @Test
    void shortCompareRun_writesAReportWithEverySectionFilled_andReportRemakesItFromSamples() throws Exception {
        int exit = new CommandLine(new PixelForgeCli()).execute("compare", "--root", ROOT.toString(), "--runs", RUNS.toString(),
                "--duration", "12", "--ramp", "1", "--threads", "3", "--max-image", "640x480",
                "--set", "aws-lambda.reserved-concurrency=2", "--dilation", "1");
        assertEquals(0, exit);
        Path run;
        try (Stream<Path> runs = Files.list(RUNS)) {
            run = runs.filter(p -> p.getFileName().toString().endsWith("-quick")).max(Path::compareTo).orElseThrow();
        }
        for (String f : List.of("samples.csv", "jtl/aws-lambda.jtl", "jtl/gcp-function.jtl", "jtl/container.jtl", "instances.csv",
                "run.properties", "plan.jmx", "plan.properties", "plan-images.csv", "report.html", "summary.md", "summary.csv", "result.csv")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f + " is missing or empty");
        }

        RunSummary summary = ReportWriter.write(run);
        assertEquals(List.of("aws-lambda", "gcp-function", "container"), summary.targets().stream().map(TargetSummary::target).toList());
        for (TargetSummary t : summary.targets()) {
            assertTrue(t.successes() > 10, t.target() + ": " + t.successes() + " successes");
            assertTrue(t.coldStarts() >= 1, t.target() + " had no cold start");
            assertTrue(t.process().count() > 0 && t.process().p50() > 0, t.target() + " has no process times");
            assertTrue(t.resources().known() && t.resources().cpuMillis() > 0 && t.resources().peakRssKb() > 0, t.target() + " resources");
            assertTrue(t.byImage().size() >= 4, t.target() + " images: " + t.byImage().keySet());
            assertFalse(t.perSecond().isEmpty());
        }
        // Every answer's round trip holds its process time (JMeter's whole milliseconds allow 1 ms of rounding).
        dev.pixelforge.platform.sample.SampleLog.read(run.resolve("samples.csv"), s -> assertTrue(
                s.appMicros() < 0 || s.roundTripMicros() + 1000 >= s.appMicros(), "process longer than round trip: " + s));
        TargetSummary lambda = summary.targets().get(0);
        assertTrue(lambda.throttles() > 0, "3 threads against reserved concurrency 2 must be throttled sometimes");

        String html = Files.readString(run.resolve("report.html"));
        assertEquals(5, html.split("class=\"uplot-chart\"").length - 1, "five interactive charts");
        assertEquals(5, html.split("<noscript><img ").length - 1, "five PNG fallbacks");
        // The dashboard is on by default: one per target, linked from the report.
        for (TargetSummary t : summary.targets()) {
            String index = "jmeter-dashboard/" + t.target() + "/index.html";
            assertTrue(Files.size(run.resolve(index)) > 0, index + " is missing or empty");
            assertTrue(html.contains("href=\"" + index + "\""), "report.html does not link " + index);
        }
        for (String section : List.of("Side by side", "Round trip over time", "Throughput and throttles", "Distribution",
                "By image size", "Cold starts", "throttles", "CPU time", "peak RSS", "Cloud metrics", "Init Duration",
                "startup_latencies", "Cost", "USD per million")) {
            assertTrue(html.contains(section), "the report has no " + section);
        }
        String md = Files.readString(run.resolve("summary.md"));
        Files.delete(run.resolve("summary.md"));
        Files.delete(run.resolve("report.html"));
        assertEquals(0, new CommandLine(new PixelForgeCli()).execute("report", run.toString()));
        assertEquals(md, Files.readString(run.resolve("summary.md")), "report must remake the same summary from the samples");
        assertTrue(Files.size(run.resolve("report.html")) > 0);
    }
}
