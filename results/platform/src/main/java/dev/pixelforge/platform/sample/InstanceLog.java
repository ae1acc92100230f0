package dev.pixelforge.platform.sample;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code instances.csv}: every instance a local run used, with its start-up time, CPU and peak
 * memory.
 */
public final class InstanceLog {

    /**
     * cpu_quota is empty where no quota was enforced; jdk is the JDK the instance ran on (vendor,
     * version, JPEG codec; no commas). Files from before the last three columns are read too.
     */
    private static final String HEADER =
            "target,instance,pid,ready_ms,peak_rss_kb,cpu_ms,requests,cpu_quota,throttled_ms,jdk";

    private InstanceLog() {}

    public static void write(Path file, List<InstanceRecord> records) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (InstanceRecord r : records) {
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "%s,%d,%d,%.1f,%d,%d,%d,%s,%d,%s%n",
                            r.target().id(),
                            r.id(),
                            r.pid(),
                            r.readyMillis(),
                            r.peakRssKb(),
                            r.cpuMillis(),
                            r.requests(),
                            Double.isNaN(r.cpuQuota())
                                    ? ""
                                    : String.format(Locale.ROOT, "%.3f", r.cpuQuota()),
                            r.throttledMillis(),
                            r.jdk().replace(',', ';')));
        }
        Files.writeString(file, csv);
    }

    public static List<InstanceRecord> read(Path file) throws IOException {
        List<InstanceRecord> records = new ArrayList<>();
        if (!Files.exists(file)) {
            return records;
        }
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            boolean withCpu = f.length >= 9;
            records.add(
                    new InstanceRecord(
                            Target.of(f[0]),
                            Integer.parseInt(f[1]),
                            Long.parseLong(f[2]),
                            Double.parseDouble(f[3]),
                            Long.parseLong(f[4]),
                            Long.parseLong(f[5]),
                            Long.parseLong(f[6]),
                            withCpu && !f[7].isEmpty() ? Double.parseDouble(f[7]) : Double.NaN,
                            withCpu ? Long.parseLong(f[8]) : 0,
                            f.length >= 10 ? f[9] : ""));
        }
        return records;
    }
}
