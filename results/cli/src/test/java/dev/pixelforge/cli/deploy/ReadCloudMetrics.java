package dev.pixelforge.cli.deploy;

import dev.pixelforge.report.cloud.CloudMetric;
import dev.pixelforge.report.cloud.CloudMetricsReader;

import java.nio.file.Path;

/**
 * What the report's Cloud metrics section reads from a run's cloud folder (CloudMetricsReader), one
 * line per figure: target|source|metric|statistic|value|unit. For aws-moto.bats, which checks that
 * it is what deploy.sh metrics fetched: {@code java -cp target/test-classes:<the command line's
 * class path> dev.pixelforge.cli.deploy.ReadCloudMetrics DIR}.
 */
public final class ReadCloudMetrics {

    private ReadCloudMetrics() {}

    public static void main(String[] args) throws Exception {
        for (CloudMetric m : CloudMetricsReader.read(Path.of(args[0]))) {
            System.out.println(
                    String.join(
                            "|",
                            m.target(),
                            m.source(),
                            m.metric(),
                            m.statistic(),
                            String.valueOf(m.value()),
                            m.unit()));
        }
    }
}
