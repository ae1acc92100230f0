package dev.pixelforge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.report.cost.BreakEven;
import dev.pixelforge.report.cost.CostEstimate;
import dev.pixelforge.report.cost.MonthlyCost;
import dev.pixelforge.report.format.SebsResultCsv;
import dev.pixelforge.report.summary.Distribution;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report's figures against the hand-computed fixture in
 * src/test/resources/report/hand-computed/README.md.
 */
class ReportArithmeticTest {

    @TempDir Path run;

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
        Assertions.assertArrayEquals(
                new long[] {100_000, 1_000_000}, rt.p50Interval(), "ranks 1 and 10 (intervals.py)");
        Assertions.assertNull(rt.p95Interval(), "rank 12 of 10: too few for p95's interval");
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
        for (String f :
                List.of(
                        "report.html",
                        "summary.md",
                        "summary.csv",
                        "result.csv",
                        "charts/round-trip-cdf.png",
                        "charts/throughput-over-time.png",
                        "charts/round-trip-over-time.png",
                        "charts/round-trip-by-image.png",
                        "charts/cold-starts.png",
                        "charts/monthly-cost.png")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        String md = Files.readString(run.resolve("summary.md"));
        assertTrue(md.contains("| round trip p50 (ms) | 500 | 50.0 |"), md);
        assertTrue(md.contains("| availability | 83.33% | 100.00% |"), md);
        assertTrue(
                md.contains(
                        "| round trip | aws-lambda | 550 | 287 | 100 | 500 | 900 | 1000 | 1000 |"
                                + " 1000 |"),
                md);
        assertTrue(
                md.contains(
                        "| overhead | aws-lambda | 20.0 | 0.00 | 20.0 | 20.0 | 20.0 | 20.0 | 20.0 |"
                                + " 20.0 |"),
                md);
        assertTrue(md.contains("| offered (requests sent/s) | 2.00 | 1.31 |"), md);
        assertTrue(md.contains("| goodput (successes/s) | 1.67 | 1.31 |"), md);
        assertTrue(
                md.contains(
                        "| refusal time to answer | aws-lambda | 10.0 | 0.00 | 10.0 | 10.0 | 10.0 |"
                                + " 10.0 | 10.0 | 10.0 |"),
                md);
        List<String> sebs = Files.readAllLines(run.resolve("result.csv"));
        assertEquals(SebsResultCsv.HEADER, sebs.get(0));
        assertEquals(
                1 + 14 + 4,
                sebs.size(),
                "one row per completed request: 14 as before, and gcp-function's 4");
        assertEquals("cold,True,6000,5000,100000,80000,0", sebs.get(1));
        String html = Files.readString(run.resolve("report.html"));
        assertEquals(
                6,
                html.split("class=\"uplot-chart\"").length - 1,
                "six interactive charts, the monthly cost the sixth");
        assertEquals(6, html.split("<noscript><img ").length - 1, "six PNG fallbacks");
    }

    @Test
    void cost_perRequest_asEachCloudBills_matchesExpectedPy() throws IOException {
        RunSummary summary = summary();
        // Every figure printed by hand-computed/expected.py, which reads the fixture's files and
        // none of this code.
        CostEstimate lambda = cost(summary, "aws-lambda");
        assertEquals(
                6216 / 11.0,
                lambda.billedMillis(),
                1e-9,
                "mean Billed Duration of the 11 REPORT lines");
        assertEquals(13.118200654545454, lambda.perMillionUsd(), 1e-9);
        CostEstimate function = cost(summary, "gcp-function");
        assertEquals(325.0, function.billedMillis(), 1e-9, "1.3 s billable / 4 requests");
        assertEquals(5.7599, function.perMillionUsd(), 1e-9);
        CostEstimate container = cost(summary, "container");
        assertEquals(300.0, container.billedMillis(), 1e-9, "1.2 s billable / 4 requests");
        assertEquals(8.35, container.perMillionUsd(), 1e-9);

        List<String> csv = Files.readAllLines(run.resolve("summary.csv"));
        List<String> header = List.of(csv.get(0).split(",", -1));
        int column = header.indexOf("usd_per_million");
        assertEquals(
                header.indexOf("dilation") + 1,
                column,
                "after the columns before it; open-loop and client columns come later");
        assertEquals(
                Map.of(
                        "aws-lambda",
                        "13.118201",
                        "container",
                        "8.350000",
                        "gcp-function",
                        "5.759900"),
                csv.subList(1, csv.size()).stream()
                        .map(r -> r.split(",", -1))
                        .collect(Collectors.toMap(r -> r[0], r -> r[column])));
    }

    @Test
    void egress_fromMeanResponseBytesOfSuccesses_onItsOwnColumn() throws IOException {
        RunSummary summary = summary();
        // Every success in the fixture answers 1,000 bytes: 1e9 bytes per million responses.
        assertEquals(0.09, cost(summary, "aws-lambda").egressPerMillionUsd(), 1e-12, "1 GB");
        assertEquals(
                0.12e9 / (1L << 30),
                cost(summary, "container").egressPerMillionUsd(),
                1e-15,
                "1e9 / 2^30 GiB at 0.12");
        List<String> csv = Files.readAllLines(run.resolve("summary.csv"));
        List<String> header = List.of(csv.get(0).split(",", -1));
        int column = header.indexOf("usd_per_million_egress");
        assertEquals(
                Map.of(
                        "aws-lambda",
                        "0.090000",
                        "container",
                        "0.111759",
                        "gcp-function",
                        "0.111759"),
                csv.subList(1, csv.size()).stream()
                        .map(r -> r.split(",", -1))
                        .collect(Collectors.toMap(r -> r[0], r -> r[column])));
    }

    @Test
    void breakEven_containerWithTwoMinInstances_againstLambda_matchesExpectedPy()
            throws IOException {
        RunSummary summary = summary();
        MonthlyCost container =
                summary.monthly().stream()
                        .filter(m -> m.target().equals("container"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(
                25.92,
                container.fixedUsdPerMonth(),
                1e-9,
                "2 idle instances x 2,592,000 s x (1 x 0.0000025 + 1 x 0.0000025)");
        assertEquals(21.6432, container.slope(), 1e-9);
        BreakEven b =
                summary.breakEvens().stream()
                        .filter(
                                x ->
                                        x.other().equals("aws-lambda")
                                                && x.cheaperAbove().equals("container"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(2.097227177398071, b.requestsPerSecond(), 1e-9);
        assertEquals("container cheaper than aws-lambda above 2.10 req/s", b.sentence());
        assertEquals(
                "break-even: gcp-function and container: never between 1 and 1,000 req/s"
                    + " (gcp-function cheaper or equal throughout); container cheaper than"
                    + " aws-lambda above 2.10 req/s; gcp-function and aws-lambda: never between 1"
                    + " and 1,000 req/s (gcp-function cheaper or equal throughout)",
                ReportWriter.consoleTable(summary)
                        .lines()
                        .filter(l -> l.startsWith("break-even:"))
                        .findFirst()
                        .orElseThrow());
        String md = Files.readString(run.resolve("summary.md"));
        assertTrue(md.contains("- container cheaper than aws-lambda above 2.10 req/s"), md);
        assertTrue(md.contains("prices of 2026-11-23"), md);
        assertTrue(
                Files.readString(run.resolve("report.html"))
                        .contains("<li>container cheaper than aws-lambda above 2.10 req/s</li>"));
    }

    private static CostEstimate cost(RunSummary run, String target) {
        return run.costs().stream()
                .filter(c -> c.target().equals(target))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The fixture's run folder: samples, the run manifest, its prices and the platforms' figures,
     * as a run has them.
     */
    @Test
    void instanceBasedBilling_pricesTheInstanceRates() throws IOException {
        HandComputedFixture.copyTo(run);
        Files.writeString(
                run.resolve("run.properties"),
                Files.readString(run.resolve("run.properties")) + "billing.container=instance\n");
        CostEstimate container = cost(ReportWriter.write(run), "container");
        // The same 300 ms a request (the fixture's billable time is what Cloud Monitoring
        // reported), at instance-based
        // rates and no request fee: 0.3 s x (1 x 0.000018 + 1 x 0.0000020) x 1e6 = 6.00.
        assertEquals(6.00, container.perMillionUsd(), 1e-9);
        assertTrue(container.basis().contains("0.000018 USD per vCPU-second"), container.basis());
    }

    private RunSummary summary() throws IOException {
        HandComputedFixture.copyTo(run);
        return ReportWriter.write(run);
    }

    private static TargetSummary target(RunSummary run, String name) {
        return run.targets().stream()
                .filter(t -> t.target().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
