package dev.pixelforge.report;

import dev.pixelforge.report.summary.TargetSummary;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.Distribution;
import dev.pixelforge.report.format.SebsResultCsv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's figures against the hand-computed fixture in src/test/resources/report/hand-computed/README.md. */
class ReportArithmeticTest {

    @TempDir
    Path run;

    @Test
    void figures_matchTheHandComputedOnes() throws IOException {
        TargetSummary lambda = target(summary(), "aws-lambda");

        assertEquals(12, lambda.samples());
        assertEquals(10, lambda.successes());
        assertEquals(1, lambda.throttles());
        assertEquals(1, lambda.errors());
        assertEquals(1, lambda.coldStarts());
        assertEquals(6.0, lambda.windowSeconds(), 1e-9);
        assertEquals(2.0, lambda.offeredRps(), 1e-9);
        assertEquals(10 / 6.0, lambda.goodputRps(), 1e-9);
        assertEquals(10 / 12.0, lambda.availability(), 1e-9);
        Distribution rt = lambda.roundTrip();
        assertEquals(10, rt.count(), "successes only");
        assertEquals(550_000, rt.mean(), 0.001);
        assertEquals(287_228.132, rt.std(), 0.001);
        assertEquals(100_000, rt.min());
        assertEquals(500_000, rt.p50());
        assertEquals(900_000, rt.p90());
        assertEquals(1_000_000, rt.p95());
        assertEquals(1_000_000, rt.p99());
        assertEquals(1_000_000, rt.max());
        assertEquals(10, lambda.process().count());
        assertEquals(480_000, lambda.process().p50());
        assertEquals(20_000, lambda.overhead().p50());
        assertEquals(20_000, lambda.overhead().max());
        assertEquals(100_000, lambda.coldRoundTrip().p50());
        assertEquals(1, lambda.refusalRoundTrip().count());
        assertEquals(10_000, lambda.refusalRoundTrip().p50());
        assertEquals(1, lambda.errorRoundTrip().count());
        assertEquals(500_000, lambda.errorRoundTrip().p50());
    }

    @Test
    void aConstantTarget_hasZeroSpread_andItsOwnWindow() throws IOException {
        TargetSummary container = target(summary(), "container");
        assertEquals(0.0, container.roundTrip().std(), 1e-12);
        assertEquals(4 / 3.05, container.offeredRps(), 1e-9);
        assertEquals(4 / 3.05, container.goodputRps(), 1e-9);
        assertEquals(1.0, container.availability(), 1e-12);
    }

    @Test
    void percentiles_areNearestRank() {
        long[] one = {7};
        assertEquals(7, Distribution.percentile(one, 99));
        long[] four = {1, 2, 3, 4};
        assertEquals(2, Distribution.percentile(four, 50)); // rank ceil(2) = 2
        assertEquals(3, Distribution.percentile(four, 51)); // rank ceil(2.04) = 3
        assertEquals(1, Distribution.percentile(four, 0));
        assertEquals(Distribution.EMPTY, Distribution.of(new long[0]));
    }

    @Test
    void everyReportFile_isWritten_andTheTablesAgree() throws IOException {
        summary();
        for (String f : List.of("report.html", "summary.md", "summary.csv", "result.csv", "charts/round-trip-cdf.png",
                "charts/throughput-over-time.png", "charts/round-trip-over-time.png", "charts/round-trip-by-image.png", "charts/cold-starts.png")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        String md = Files.readString(run.resolve("summary.md"));
        assertTrue(md.contains("| round trip p50 (ms) | 500 | 50.0 |"), md);
        assertTrue(md.contains("| availability | 83.33% | 100.00% |"), md);
        assertTrue(md.contains("| round trip | aws-lambda | 550 | 287 | 100 | 500 | 900 | 1000 | 1000 | 1000 |"), md);
        assertTrue(md.contains("| overhead | aws-lambda | 20.0 | 0.00 | 20.0 | 20.0 | 20.0 | 20.0 | 20.0 | 20.0 |"), md);
        assertTrue(md.contains("| offered (requests sent/s) | 2.00 | 1.31 |"), md);
        assertTrue(md.contains("| goodput (successes/s) | 1.67 | 1.31 |"), md);
        assertTrue(md.contains("| refusal time to answer | aws-lambda | 10.0 | 0.00 | 10.0 | 10.0 | 10.0 | 10.0 | 10.0 | 10.0 |"), md);
        List<String> sebs = Files.readAllLines(run.resolve("result.csv"));
        assertEquals(SebsResultCsv.HEADER, sebs.get(0));
        assertEquals(1 + 14, sebs.size(), "one row per completed request");
        assertEquals("cold,True,6000,5000,100000,80000,0", sebs.get(1));
        String html = Files.readString(run.resolve("report.html"));
        assertEquals(5, html.split("class=\"uplot-chart\"").length - 1, "five interactive charts");
        assertEquals(5, html.split("<noscript><img ").length - 1, "five PNG fallbacks");
    }

    private RunSummary summary() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/report/hand-computed/samples.csv")) {
            Files.copy(in, run.resolve("samples.csv"));
        }
        return ReportWriter.write(run);
    }

    private static TargetSummary target(RunSummary run, String name) {
        return run.targets().stream().filter(t -> t.target().equals(name)).findFirst().orElseThrow();
    }
}
