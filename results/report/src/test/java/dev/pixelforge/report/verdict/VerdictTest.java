package dev.pixelforge.report.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.sample.Sample;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.report.HandComputedFixture;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.RunSummary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The verdict against the hand-computed fixture (intervals.py beside it) and against a run built to
 * be clear-cut.
 */
class VerdictTest {

    @TempDir Path run;

    @Test
    void handComputedFixture_carriesNoVerdict_andSaysWhy() throws IOException {
        HandComputedFixture.copyTo(run);
        Map<String, Verdict.Finding> f = byQuestion(Verdict.of(ReportWriter.write(run)));

        // A few seconds per target: every target is left out, and every finding says why.
        assertTrue(
                f.get("steady state")
                        .margin()
                        .endsWith(
                                "(30 needed): left out of every verdict below; run longer"
                                        + " (--duration)"),
                f.get("steady state").margin());
        assertTrue(
                f.get("steady state").margin().startsWith("aws-lambda had "),
                f.get("steady state").margin());
        assertEquals(
                Verdict.Finding.none(
                        "latency p50 (round trip)",
                        "fewer than two targets with successful requests"),
                f.get("latency p50 (round trip)"));
        assertEquals("no verdict", f.get("cost per million requests").better());
        assertEquals("no verdict", f.get("CPU time per success (whole window)").better());
        String md = Files.readString(run.resolve("summary.md"));
        assertTrue(
                md.indexOf("## Verdict") < md.indexOf("| measure |"),
                "the verdict comes before the table");
        assertTrue(md.contains("aws-lambda had 1 cold start: too few (under 10)"), md);
    }

    @Test
    void clearCutRun_namesTheBetterTarget_withItsMargin() throws IOException {
        // 200 successes each over 20 s: "fast" answers in 100..299 ms, "slow" in 400..599 ms;
        // "slow" loses 20 more to 503s.
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            samples.add(sample("fast", i * 200L, 200, (100 + i) * 1000L));
            samples.add(sample("slow", i * 200L, 200, (400 + i) * 1000L));
        }
        for (int i = 0; i < 20; i++) {
            samples.add(sample("slow", 50 + i * 2000L, 503, 5000));
        }
        write(samples);
        Map<String, Verdict.Finding> f = byQuestion(Verdict.of(ReportWriter.write(run)));

        Verdict.Finding p50 = f.get("latency p50 (round trip)");
        // p50 rank 100 of each: 199 ms and 499 ms.
        assertEquals("fast", p50.better());
        assertEquals("300 ms lower than slow (199 vs 499 ms)", p50.margin());
        assertTrue(p50.significance().startsWith("significant"), p50.significance());
        Verdict.Finding availability = f.get("availability under load");
        assertEquals("fast", availability.better());
        assertTrue(
                availability
                        .margin()
                        .startsWith(
                                "9.09 percentage points above slow (100.00% vs 90.91%; refused"),
                availability.margin());
    }

    @Test
    void aFastTargetThatRefusedMost_winsLatencyOnlyWithThatSaid() throws IOException {
        // "lambda" answers 200 in 100..299 ms and refuses 800 more with 429; "run" answers all 200
        // in 400..599 ms.
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            samples.add(sample("lambda", i * 200L, 200, (100 + i) * 1000L));
            samples.add(sample("run", i * 200L, 200, (400 + i) * 1000L));
        }
        for (int i = 0; i < 800; i++) {
            samples.add(
                    new Sample(
                            START + i * 50L,
                            "lambda",
                            "tone-json",
                            "025x025-png",
                            429,
                            false,
                            true,
                            100,
                            100,
                            1000,
                            1000,
                            0,
                            -1,
                            -1,
                            -1,
                            -1,
                            null,
                            ""));
        }
        write(samples);
        Verdict.Finding p50 =
                byQuestion(Verdict.of(ReportWriter.write(run))).get("latency p50 (round trip)");
        assertEquals("lambda", p50.better());
        assertEquals(
                "300 ms lower than run (199 vs 499 ms); of its successes only: lambda answered"
                        + " 20.00% of its requests",
                p50.margin());
    }

    @Test
    void memory_isTheConfiguredSizeBilled_withNoWinner() throws IOException {
        HandComputedFixture.copyTo(run);
        Verdict.Finding memory =
                byQuestion(Verdict.of(ReportWriter.write(run)))
                        .get("memory billed (configured size)");
        assertEquals(
                new Verdict.Finding(
                        "memory billed (configured size)",
                        "no winner",
                        "aws-lambda 1024 MB, container 1024 MB, gcp-function 1024 MB",
                        "configured, not measured"),
                memory);
    }

    @Test
    void aTieNeedNotBeNextInRank_theMarginIsAgainstTheFirstNotTied() throws IOException {
        // One request every 200 ms for 40 s each. "a": 100..299 ms, rising; "b": 200..399 ms;
        // "c": 10 ms for its first 99, then 350 ms: p50 350, but its early batches' medians are
        // 10 ms, so its sectioning interval is wide enough to hold a's. Ranked a, b, c: c is tied
        // with a, b is the first not tied (intervals: hand-computed.py, sectioning).
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            samples.add(sample("a", i * 200L, 200, (100 + i) * 1000L));
            samples.add(sample("b", i * 200L, 200, (200 + i) * 1000L));
            samples.add(sample("c", i * 200L, 200, i < 99 ? 10_000 : 350_000L));
        }
        write(samples);
        RunSummary summary = ReportWriter.write(run);
        Verdict.Finding p50 = byQuestion(Verdict.of(summary)).get("latency p50 (round trip)");
        assertEquals("a and c (tied)", p50.better(), p50.toString());
        assertEquals("100 ms lower than b (199 vs 299 ms)", p50.margin());
        assertEquals(
                "significant (95% intervals a [156, 242], b [256, 342] do not overlap)",
                p50.significance());
    }

    @Test
    void twoTargetsTiedAtTheTop_areNamedTogether_againstTheThird() throws IOException {
        // "a" and "b" both answer 200 times in 100..299 ms; "c" in 400..599 ms.
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            samples.add(sample("a", i * 200L, 200, (100 + i) * 1000L));
            samples.add(sample("b", i * 200L, 200, (100 + (i * 7) % 200) * 1000L));
            samples.add(sample("c", i * 200L, 200, (400 + i) * 1000L));
        }
        write(samples);
        Verdict.Finding p50 =
                byQuestion(Verdict.of(ReportWriter.write(run))).get("latency p50 (round trip)");
        assertEquals("a and b (tied)", p50.better());
        assertEquals("300 ms lower than c (199 vs 499 ms)", p50.margin());
    }

    private static final long START = 1_700_000_000_000L;

    /**
     * A request of a warm instance: TTFB and, on a success, the function's own time half its round
     * trip.
     */
    private static Sample sample(
            String target, long startOffsetMillis, int status, long roundTripMicros) {
        boolean ok = status == 200;
        return new Sample(
                START + startOffsetMillis,
                target,
                "tone-json",
                "025x025-png",
                status,
                ok,
                false,
                100,
                100,
                roundTripMicros,
                roundTripMicros / 2,
                0,
                ok ? roundTripMicros / 2 : -1,
                -1,
                -1,
                -1,
                false,
                "i1");
    }

    /** The run folder's samples.csv, written by the project's own sample log. */
    private void write(List<Sample> samples) throws IOException {
        try (SampleLog log = SampleLog.appendTo(run.resolve("samples.csv"))) {
            samples.forEach(log::append);
        }
    }

    private static Map<String, Verdict.Finding> byQuestion(Verdict v) {
        return v.findings().stream()
                .collect(Collectors.toMap(Verdict.Finding::question, Function.identity()));
    }
}
