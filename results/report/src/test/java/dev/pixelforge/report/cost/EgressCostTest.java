package dev.pixelforge.report.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pixelforge.core.testing.RepositoryRoot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Properties;

/** Data out by hand, with the committed unit prices. */
class EgressCostTest {

    @Test
    void lambda_paysDecimalGigabytesAtTheAwsInternetRate() throws IOException {
        EgressCost e = EgressCost.of("aws-lambda", 580_000, prices());
        // 580,000 B x 1e6 = 580 GB x 0.09 = 52.20
        assertEquals(52.20, e.perMillionUsd(), 1e-9);
    }

    @Test
    void google_paysGibibytesAtThePremiumTierRate() throws IOException {
        EgressCost e = EgressCost.of("container", 1024.0 * 1024 * 1024 / 1e6, prices());
        // exactly 1 GiB per million responses x 0.12
        assertEquals(0.12, e.perMillionUsd(), 1e-12);
        assertEquals(
                0.12, EgressCost.of("gcp-function", 1073.741824, prices()).perMillionUsd(), 1e-12);
    }

    @Test
    void negativeBytes_areAClearError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new EgressCost("container", -1, 0, ""));
        assertEquals("mean response bytes must be 0 or more, got -1.0", e.getMessage());
    }

    private static Properties prices() throws IOException {
        Properties p = new Properties();
        try (Reader in =
                Files.newBufferedReader(
                        RepositoryRoot.path().resolve("results/pricing.properties"))) {
            p.load(in);
        }
        return p;
    }
}
