package dev.pixelforge.results.cli;

import dev.pixelforge.results.load.LoadPlan;
import dev.pixelforge.results.load.LoadProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code plan.jmx} and {@code plan.properties} into a run folder: the run's plan for stock
 * Apache JMeter, reading its images from the folder by relative paths.
 */
final class PlanExport {

    private PlanExport() {
    }

    static void write(Path runDir, LoadProfile profile) throws IOException {
        LoadPlan.build(profile.operation(), null).saveAsJmx(runDir.resolve("plan.jmx").toString());
        Files.writeString(runDir.resolve("plan.properties"), String.join("\n",
                "# Stock Apache JMeter 5.6.3, from this folder:",
                "#   jmeter -n -t plan.jmx -q plan.properties -l results.jtl -Jhost=<host> -Jport=<port>",
                "# Any line here can be given as -Jkey=value instead. duration is seconds at full load, after the ramp-up.",
                "protocol=http",
                "host=127.0.0.1",
                "port=8080",
                "base_path=",
                "threads=" + profile.threads(),
                "ramp=" + profile.rampSeconds(),
                "duration=" + profile.holdSeconds(),
                "# the header values the report needs, as extra JTL columns",
                "sample_variables=" + String.join(",", LoadPlan.VARIABLES),
                "# keep at most 64 KiB of each response in memory (the rest is read and counted)",
                "httpsampler.max_bytes_to_store_per_request=65536",
                ""));
    }
}
