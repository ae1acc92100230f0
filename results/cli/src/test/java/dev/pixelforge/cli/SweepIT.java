package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.testing.RepositoryRoot;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A short real sweep: two Lambda sizes and one Cloud Run size on the stand-ins, each its own run
 * folder, and sweep.csv carrying each step's own figures (undilated here: k = 1, so
 * cloud-equivalent is measured, to the microsecond).
 */
class SweepIT {

    static final Path ROOT = RepositoryRoot.path();
    static final Path RUNS = ItRuns.dir("it-sweeps");

    @Test
    void shortSweep_writesAStepFolderPerSize_andSweepCsvHoldsEachStepsOwnFigures()
            throws Exception {
        int exit =
                new CommandLine(new PixelForgeCli())
                        .execute(
                                "sweep",
                                "--root",
                                ROOT.toString(),
                                "--runs",
                                RUNS.toString(),
                                "--duration",
                                // 12 s, so that each step has a steady state after its start-up
                                // (the figures the sweep compares are of the steady state)
                                "12",
                                "--ramp",
                                "0",
                                "--threads",
                                "1",
                                "--max-image",
                                "640x480",
                                "--no-jmeter-dashboard",
                                "--set",
                                "aws-lambda.reserved-concurrency=1",
                                "--set",
                                "container.max-instances=1",
                                "--lambda-memory",
                                "885,1769",
                                "--run-sizes",
                                "1/1024");
        assertEquals(0, exit);
        Path sweep;
        try (Stream<Path> all = Files.list(RUNS)) {
            sweep =
                    all.filter(p -> p.getFileName().toString().endsWith("-sweep-quick"))
                            .max(Path::compareTo)
                            .orElseThrow();
        }
        List<String> steps =
                List.of("aws-lambda-885mb", "aws-lambda-1769mb", "container-1cpu-1024mib");
        List<String> rows = Files.readAllLines(sweep.resolve("sweep.csv"));
        assertEquals(steps.size() + 1, rows.size(), String.join("\n", rows));
        List<String> header = List.of(rows.get(0).split(","));
        for (int i = 0; i < steps.size(); i++) {
            Path step = sweep.resolve(steps.get(i));
            assertTrue(
                    Files.exists(step.resolve("report.html")),
                    steps.get(i) + " has its own report");
            RunSummary run = ReportWriter.summarize(step);
            assertEquals(1, run.targets().size(), "one target per step");
            TargetSummary t = run.targets().get(0);
            assertTrue(t.successes() > 0, steps.get(i) + ": no successes");
            String[] row = rows.get(i + 1).split(",");
            assertEquals(t.target(), row[header.indexOf("target")]);
            assertEquals("1.000", row[header.indexOf("dilation")]);
            assertEquals(Long.toString(t.samples()), row[header.indexOf("samples")]);
            assertEquals(
                    String.format(Locale.ROOT, "%.3f", t.process().p50() / 1000.0),
                    row[header.indexOf("process_p50_ms")]);
            assertEquals(
                    String.format(Locale.ROOT, "%.6f", run.costs().get(0).perMillionUsd()),
                    row[header.indexOf("usd_per_million")]);
            assertEquals("640x480-png", row[header.indexOf("largest_image")]);
        }
        assertEquals("0.500", rows.get(1).split(",")[header.indexOf("vcpu")]); // 885 / 1,769
        String html = Files.readString(sweep.resolve("sweep.html"));
        for (String chart :
                List.of("sweep-aws-lambda", "sweep-container", "sweep-targets", "sweep-vcpu")) {
            assertTrue(Files.size(sweep.resolve("charts/" + chart + ".png")) > 0, chart);
            assertTrue(html.contains("data-chart=\"" + chart + "\""), chart + " in sweep.html");
        }
        assertTrue(html.contains("<td>aws-lambda</td><td>cost</td>"), "the cost choice for Lambda");
        assertTrue(
                html.contains("<td>container</td><td>balanced (weight 0.5)</td>"),
                "the balanced choice for the container");
    }
}
