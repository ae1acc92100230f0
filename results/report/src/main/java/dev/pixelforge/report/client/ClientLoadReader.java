package dev.pixelforge.report.client;

import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the load client's own record from a run folder: {@code client.csv} (one row per target per
 * second, written by the client's watch) and {@code client.properties}. A run made before the
 * client watched itself has neither, and gets no figures rather than made-up ones.
 */
public final class ClientLoadReader {

    private ClientLoadReader() {}

    /** Each watched target's totals, in the order the run reached them. */
    public static Map<String, ClientLoad> read(Path runDir) throws IOException {
        Path csv = runDir.resolve(RunLayout.CLIENT);
        Map<String, ClientLoad> out = new LinkedHashMap<>();
        if (!Files.exists(csv)) {
            return out;
        }
        Properties about = properties(runDir.resolve(RunLayout.CLIENT_PROPERTIES));
        Properties run = properties(runDir.resolve(RunLayout.RUN_PROPERTIES));
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            String header = in.readLine();
            if (header == null) {
                return out;
            }
            List<String> columns = Arrays.asList(header.split(","));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                String target = f[columns.indexOf("target")];
                ClientLoad row =
                        new ClientLoad(
                                target,
                                num(f, columns, "wall_ms"),
                                num(f, columns, "cpu_ms"),
                                Double.parseDouble(f[columns.indexOf("cores")]),
                                num(f, columns, "gc_ms"),
                                num(f, columns, "heap_used_bytes"),
                                num(f, columns, "heap_max_bytes"),
                                (int) num(f, columns, "threads"),
                                num(f, columns, "client_failures"),
                                about.getProperty(target + ".first-client-failure", ""),
                                about.getProperty(target + ".process", ""),
                                Integer.parseInt(about.getProperty(target + ".threads", "0")),
                                Integer.parseInt(about.getProperty(target + ".ramp-s", "0")),
                                Integer.parseInt(
                                        run.getProperty(
                                                RunManifest.RESERVED_CONCURRENCY + target, "0")),
                                columns.contains("quota_periods")
                                        ? num(f, columns, "quota_periods")
                                        : 0,
                                columns.contains("quota_throttled_periods")
                                        ? num(f, columns, "quota_throttled_periods")
                                        : 0);
                out.merge(target, row, ClientLoadReader::add);
            }
        }
        return out;
    }

    /**
     * Times and failures add up over the seconds; heap and threads keep their peak; the cores are
     * the last row's (they do not change).
     */
    private static ClientLoad add(ClientLoad a, ClientLoad b) {
        return new ClientLoad(
                a.target(),
                a.wallMillis() + b.wallMillis(),
                a.cpuMillis() + b.cpuMillis(),
                b.cores(),
                a.gcMillis() + b.gcMillis(),
                Math.max(a.peakHeapUsedBytes(), b.peakHeapUsedBytes()),
                Math.max(a.heapMaxBytes(), b.heapMaxBytes()),
                Math.max(a.peakThreads(), b.peakThreads()),
                a.clientFailures() + b.clientFailures(),
                a.firstFailure(),
                a.process(),
                a.plannedThreads(),
                a.rampSeconds(),
                a.reservedConcurrency(),
                a.quotaPeriods() + b.quotaPeriods(),
                a.quotaThrottledPeriods() + b.quotaThrottledPeriods());
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
        }
        return p;
    }

    private static long num(String[] fields, List<String> columns, String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("client.csv has no " + name + " column");
        }
        return Long.parseLong(fields[i].trim());
    }
}
