package dev.pixelforge.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The run folder of src/test/resources/report/hand-computed (README.md there), copied where a test
 * needs it.
 */
public final class HandComputedFixture {

    private static final List<String> FILES =
            List.of(
                    "samples.csv",
                    "run.properties",
                    "pricing.properties",
                    "cloud/aws-lambda-logs.json",
                    "cloud/aws-cloudwatch.json",
                    "cloud/gcp-function-container-billable_instance_time.json",
                    "cloud/gcp-function-request_count.json",
                    "cloud/container-container-billable_instance_time.json",
                    "cloud/container-request_count.json");

    private HandComputedFixture() {}

    public static void copyTo(Path run) throws IOException {
        for (String f : FILES) {
            try (InputStream in =
                    HandComputedFixture.class.getResourceAsStream("/report/hand-computed/" + f)) {
                Files.createDirectories(run.resolve(f).getParent());
                Files.copy(in, run.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
