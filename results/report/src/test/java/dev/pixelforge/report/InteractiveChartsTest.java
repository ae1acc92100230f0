package dev.pixelforge.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.report.format.ChartSpec;
import dev.pixelforge.report.format.Charts;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * report.html's charts: one uPlot chart per chart definition, its data the summary's own figures,
 * uPlot inlined.
 */
class InteractiveChartsTest {

    @TempDir Path run;

    @Test
    void report_holdsOneUplotChartPerDefinition_withTheSummarysFigures_andUplotInlined()
            throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/report/hand-computed/samples.csv")) {
            Files.copy(in, run.resolve("samples.csv"));
        }
        RunSummary summary = ReportWriter.write(run);
        String html = Files.readString(run.resolve("report.html"));
        List<ChartSpec> charts = Charts.all(summary);

        assertEquals(
                charts.size(),
                html.split("class=\"uplot-chart\"").length - 1,
                "one placeholder per chart");
        for (ChartSpec c : charts) {
            assertTrue(html.contains("data-chart=\"" + c.name() + "\""), c.name());
            assertTrue(
                    Files.size(run.resolve("charts").resolve(c.name() + ".png")) > 0,
                    c.name() + ".png");
        }

        String json =
                between(html, "<script type=\"application/json\" id=\"pf-charts\">", "</script>");
        TargetSummary lambda =
                summary.targets().stream()
                        .filter(t -> t.target().equals("aws-lambda"))
                        .findFirst()
                        .orElseThrow();
        double[] seconds =
                lambda.perSecond().stream().mapToDouble(TargetSummary.Second::second).toArray();
        double[] requests =
                lambda.perSecond().stream().mapToDouble(TargetSummary.Second::requests).toArray();
        Matcher m =
                Pattern.compile(
                                "\\{\"name\":\"aws-lambda requests\",\"colour\":\"[^\"]+\","
                                        + "\"style\":\"LINE\",\"x\":\\[([^\\]]*)],"
                                        + "\"y\":\\[([^\\]]*)]}")
                        .matcher(json);
        assertTrue(m.find(), json);
        assertArrayEquals(seconds, numbers(m.group(1)), "seconds of aws-lambda's throughput");
        assertArrayEquals(requests, numbers(m.group(2)), "aws-lambda's requests per second");
        assertEquals(
                12,
                Arrays.stream(requests).sum(),
                "every aws-lambda request of the fixture counted once");

        assertTrue(
                html.contains("/*! https://github.com/leeoniya/uPlot (v1.6.30) */"),
                "uPlot's JS inlined");
        assertTrue(html.contains(".uplot"), "uPlot's CSS inlined");
        assertFalse(
                Pattern.compile("<script[^>]*\\ssrc=", Pattern.CASE_INSENSITIVE)
                        .matcher(html)
                        .find(),
                "no external script");
        assertFalse(
                Pattern.compile("<link[^>]*https?:", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "no external stylesheet");
    }

    private static String between(String s, String start, String end) {
        int i = s.indexOf(start);
        assertTrue(i >= 0, start);
        return s.substring(i + start.length(), s.indexOf(end, i));
    }

    private static double[] numbers(String csv) {
        return csv.isEmpty()
                ? new double[0]
                : Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
