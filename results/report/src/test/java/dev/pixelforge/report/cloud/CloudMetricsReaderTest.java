package dev.pixelforge.report.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Ingestion of recorded API responses (src/test/resources/cloud/README.md has the expected
 * figures).
 */
class CloudMetricsReaderTest {

    @TempDir Path cloud;

    @Test
    void recordedResponses_giveTheHandComputedFigures() throws IOException {
        for (String f :
                List.of(
                        "aws-cloudwatch.json",
                        "aws-lambda-logs.json",
                        "container-request_latencies.json",
                        "container-container-instance_count.json",
                        "container-request_count.json")) {
            try (InputStream in = getClass().getResourceAsStream("/cloud/" + f)) {
                Files.copy(in, cloud.resolve(f));
            }
        }
        List<CloudMetric> metrics = CloudMetricsReader.read(cloud);

        assertEquals(
                100.5,
                value(metrics, "CloudWatch", "Duration", "mean of per-minute averages"),
                1e-9);
        assertEquals(1000, value(metrics, "CloudWatch", "Invocations", "sum"), 1e-9);
        assertEquals(25, value(metrics, "CloudWatch", "Throttles", "sum"), 1e-9);
        assertEquals(10, value(metrics, "CloudWatch", "ConcurrentExecutions", "max"), 1e-9);
        assertTrue(
                metrics.stream().noneMatch(m -> m.metric().equals("Errors")),
                "a metric without points is left out");
        assertEquals(2, value(metrics, "REPORT lines", "invocations", "count"), 1e-9);
        assertEquals(533.5, value(metrics, "REPORT lines", "Billed Duration", "mean"), 1e-9);
        assertEquals(170, value(metrics, "REPORT lines", "Max Memory Used", "max"), 1e-9);
        assertEquals(1, value(metrics, "REPORT lines", "Init Duration", "count"), 1e-9);
        assertEquals(900.10, value(metrics, "REPORT lines", "Init Duration", "mean"), 1e-9);
        assertEquals(60, value(metrics, "Cloud Monitoring", "request_latencies", "mean"), 1e-9);
        assertEquals(400, value(metrics, "Cloud Monitoring", "request_latencies", "count"), 1e-9);
        assertEquals(
                407,
                value(metrics, "Cloud Monitoring", "request_count", "sum"),
                1e-9,
                "every series: 200s and 429s");
        assertEquals(
                7,
                value(metrics, "Cloud Monitoring", "request_count", "429 sum"),
                1e-9,
                "the series labelled response_code 429");
        assertEquals(
                3, value(metrics, "Cloud Monitoring", "container/instance_count", "max"), 1e-9);
        assertTrue(
                metrics.stream()
                        .filter(m -> m.source().equals("Cloud Monitoring"))
                        .allMatch(m -> m.target().equals("container")));
    }

    @Test
    void anEmptyOrMissingFolder_hasNoMetrics() throws IOException {
        assertEquals(List.of(), CloudMetricsReader.read(cloud.resolve("absent")));
        assertEquals(List.of(), CloudMetricsReader.read(cloud));
    }

    private static double value(
            List<CloudMetric> metrics, String source, String metric, String statistic) {
        return metrics.stream()
                .filter(
                        m ->
                                m.source().equals(source)
                                        && m.metric().equals(metric)
                                        && m.statistic().equals(statistic))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no " + source + " " + metric + " " + statistic + " in "
                                                + metrics))
                .value();
    }
}
