package dev.pixelforge.report.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.core.testing.RepositoryRoot;
import dev.pixelforge.report.cloud.CloudMetric;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** The cost arithmetic by hand, with the committed unit prices. */
class CostEstimateTest {

    private static final Path ROOT = RepositoryRoot.path();

    @Test
    void lambda_billsTheReportedDurationByGigabyteSecond_plusLambdaAndApiGatewayRequests()
            throws IOException {
        List<CloudMetric> report =
                List.of(
                        new CloudMetric(
                                "aws-lambda",
                                "REPORT lines",
                                "Billed Duration",
                                "mean",
                                100,
                                "ms"));
        CostEstimate c = CostEstimate.of("aws-lambda", 42_000, 1024, 1, prices(), report);
        // 0.1 s x 1 GB x 0.0000166667 $/GB-s x 1e6 = 1.66667, + 0.20 Lambda + 3.50 API Gateway
        assertEquals(100, c.billedMillis(), 1e-9);
        assertEquals(5.36667, c.perMillionUsd(), 1e-5);
    }

    @Test
    void lambda_withoutReportLines_roundsProcessTimeUpToTheMillisecond() throws IOException {
        CostEstimate c = CostEstimate.of("aws-lambda", 41_200, 2048, 1, prices(), List.of());
        // ceil(41.2 ms) = 42 ms; 0.042 s x 2 GB x 0.0000166667 x 1e6 = 1.4000028, + 3.70
        assertEquals(42, c.billedMillis(), 1e-9);
        assertEquals(5.1000028, c.perMillionUsd(), 1e-6);
    }

    @Test
    void google_billsInstanceTimeIn100MillisecondSteps_byVcpuAndGibSecond_plusTheRequestFee()
            throws IOException {
        CostEstimate c = CostEstimate.of("gcp-function", 150_000, 1024, 1, prices(), List.of());
        // 150 ms -> 200 ms; 0.2 s x (1 x 0.000024 + 1 x 0.0000025) x 1e6 = 5.30, + 0.40
        assertEquals(200, c.billedMillis(), 1e-9);
        assertEquals(5.70, c.perMillionUsd(), 1e-9);
    }

    @Test
    void cloudRun_billsBillableInstanceTime_sharedByConcurrentRequests_perRequestServed()
            throws IOException {
        List<CloudMetric> cloud =
                List.of(
                        new CloudMetric(
                                "container",
                                "Cloud Monitoring",
                                "container/billable_instance_time",
                                "sum",
                                2.0,
                                "s"),
                        new CloudMetric(
                                "container",
                                "Cloud Monitoring",
                                "request_count",
                                "sum",
                                40,
                                "requests"));
        CostEstimate c = CostEstimate.of("container", 400_000, 1, 1024, 1, prices(), cloud);
        // 2.0 s / 40 = 50 ms a request, whatever each one's own 400 ms: 0.05 x (0.000024 +
        // 0.0000025) x 1e6 = 1.325, + 0.40
        assertEquals(50, c.billedMillis(), 1e-9);
        assertEquals(1.725, c.perMillionUsd(), 1e-9);
    }

    @Test
    void cloudRun_refusedRequests_shareNoInstanceTime() throws IOException {
        List<CloudMetric> cloud =
                List.of(
                        new CloudMetric(
                                "container",
                                "Cloud Monitoring",
                                "container/billable_instance_time",
                                "sum",
                                2.0,
                                "s"),
                        new CloudMetric(
                                "container",
                                "Cloud Monitoring",
                                "request_count",
                                "sum",
                                50,
                                "requests"),
                        new CloudMetric(
                                "container",
                                "Cloud Monitoring",
                                "request_count",
                                "429 sum",
                                10,
                                "requests"));
        // 50 reached the service, 10 were refused with 429: 2.0 s over the 40 served is 50 ms each.
        assertEquals(
                50,
                CostEstimate.of("container", 400_000, 1, 1024, 1, prices(), cloud).billedMillis(),
                1e-9);
    }

    @Test
    void cloudRun_dilated_billsTheCloudEquivalentTime() throws IOException {
        List<CloudMetric> cloud =
                List.of(
                        new CloudMetric(
                                "container",
                                "Cloud Monitoring",
                                "container/billable_instance_time",
                                "sum",
                                8.0,
                                "s"),
                        new CloudMetric(
                                "container",
                                "Cloud Monitoring",
                                "request_count",
                                "sum",
                                40,
                                "requests"));
        CostEstimate c = CostEstimate.of("container", 400_000, 4, 1024, 1, prices(), cloud);
        assertEquals(50, c.billedMillis(), 1e-9, "8 s measured at k = 4 is 2 s in the cloud");
    }

    private static Properties prices() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve("results/pricing.properties"))) {
            p.load(in);
        }
        return p;
    }
}
