package dev.pixelforge.report.cloud;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads what the clouds (or the local stand-ins, which write the same shapes) reported about a run,
 * from a run's {@code cloud/} folder:
 *
 * <ul>
 *   <li>{@code aws-cloudwatch.json}: the output of {@code aws cloudwatch get-metric-data} ({@code
 *       MetricDataResults[].{Label, Values}});
 *   <li>{@code aws-lambda-logs.json}: the output of {@code aws logs filter-log-events} ({@code
 *       events[].message}, REPORT lines);
 *   <li>{@code <target>-<metric>.json}: Cloud Monitoring {@code projects.timeSeries.list} responses
 *       ({@code timeSeries[].points[].value} as int64Value, doubleValue or distributionValue).
 * </ul>
 */
public final class CloudMetricsReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final Pattern REPORT =
            Pattern.compile(
                    "REPORT RequestId: \\S+\\s+Duration: ([\\d.]+) ms\\s+Billed Duration: (\\d+)"
                        + " ms\\s+Memory Size: (\\d+) MB\\s+Max Memory Used: (\\d+) MB(?:\\s+Init"
                        + " Duration: ([\\d.]+) ms)?");

    /** The Cloud Monitoring metrics the scripts fetch, with the unit Google reports them in. */
    private static final Map<String, String> GCP_UNITS =
            Map.of(
                    "request_latencies",
                    "ms",
                    "request_count",
                    "requests",
                    "container-instance_count",
                    "instances",
                    "container-startup_latencies",
                    "ms",
                    "container-cpu-utilizations",
                    "fraction",
                    "container-memory-utilizations",
                    "fraction",
                    "container-billable_instance_time",
                    "s");

    private CloudMetricsReader() {}

    public static List<CloudMetric> read(Path cloudDir) throws IOException {
        List<CloudMetric> all = new ArrayList<>();
        if (!Files.isDirectory(cloudDir)) {
            return all;
        }
        Path cloudWatch = cloudDir.resolve("aws-cloudwatch.json");
        if (Files.exists(cloudWatch)) {
            all.addAll(cloudWatch(Files.readAllBytes(cloudWatch)));
        }
        Path logs = cloudDir.resolve("aws-lambda-logs.json");
        if (Files.exists(logs)) {
            all.addAll(reportLines(Files.readAllBytes(logs)));
        }
        try (Stream<Path> files = Files.list(cloudDir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                for (String target : List.of("gcp-function", "container")) {
                    if (name.startsWith(target + "-") && name.endsWith(".json")) {
                        String metric = name.substring(target.length() + 1, name.length() - 5);
                        all.addAll(timeSeries(target, metric, Files.readAllBytes(f)));
                    }
                }
            }
        }
        return all;
    }

    /**
     * {@code get-metric-data}: one figure per metric, summed or maxed or averaged over its periods.
     */
    static List<CloudMetric> cloudWatch(byte[] json) throws IOException {
        List<CloudMetric> out = new ArrayList<>();
        Map<String, Object> root = JSON.readValue(json, OBJECT);
        for (Object o : list(root.get("MetricDataResults"))) {
            Map<?, ?> r = (Map<?, ?>) o;
            String label = String.valueOf(r.get("Label"));
            List<Double> values =
                    list(r.get("Values")).stream().map(v -> ((Number) v).doubleValue()).toList();
            if (values.isEmpty()) {
                continue;
            }
            switch (label) {
                case "Duration" ->
                        out.add(
                                new CloudMetric(
                                        "aws-lambda",
                                        "CloudWatch",
                                        "Duration",
                                        "mean of per-minute averages",
                                        values.stream()
                                                .mapToDouble(Double::doubleValue)
                                                .average()
                                                .orElse(0),
                                        "ms"));
                case "ConcurrentExecutions" ->
                        out.add(
                                new CloudMetric(
                                        "aws-lambda",
                                        "CloudWatch",
                                        "ConcurrentExecutions",
                                        "max",
                                        values.stream()
                                                .mapToDouble(Double::doubleValue)
                                                .max()
                                                .orElse(0),
                                        "executions"));
                default ->
                        out.add(
                                new CloudMetric(
                                        "aws-lambda",
                                        "CloudWatch",
                                        label,
                                        "sum",
                                        values.stream().mapToDouble(Double::doubleValue).sum(),
                                        label.equals("Invocations") ? "invocations" : "count"));
            }
        }
        return out;
    }

    /**
     * REPORT lines from {@code filter-log-events}: Init Duration, Max Memory Used, Billed Duration.
     */
    static List<CloudMetric> reportLines(byte[] json) throws IOException {
        Map<String, Object> root = JSON.readValue(json, OBJECT);
        List<Double> durations = new ArrayList<>();
        List<Double> billed = new ArrayList<>();
        List<Double> inits = new ArrayList<>();
        double maxMemory = 0;
        for (Object o : list(root.get("events"))) {
            Matcher m = REPORT.matcher(String.valueOf(((Map<?, ?>) o).get("message")));
            if (m.find()) {
                durations.add(Double.parseDouble(m.group(1)));
                billed.add(Double.parseDouble(m.group(2)));
                maxMemory = Math.max(maxMemory, Double.parseDouble(m.group(4)));
                if (m.group(5) != null) {
                    inits.add(Double.parseDouble(m.group(5)));
                }
            }
        }
        List<CloudMetric> out = new ArrayList<>();
        if (durations.isEmpty()) {
            return out;
        }
        out.add(
                new CloudMetric(
                        "aws-lambda",
                        "REPORT lines",
                        "invocations",
                        "count",
                        durations.size(),
                        "invocations"));
        out.add(
                new CloudMetric(
                        "aws-lambda", "REPORT lines", "Duration", "mean", mean(durations), "ms"));
        out.add(
                new CloudMetric(
                        "aws-lambda",
                        "REPORT lines",
                        "Billed Duration",
                        "mean",
                        mean(billed),
                        "ms"));
        out.add(
                new CloudMetric(
                        "aws-lambda", "REPORT lines", "Max Memory Used", "max", maxMemory, "MB"));
        out.add(
                new CloudMetric(
                        "aws-lambda",
                        "REPORT lines",
                        "Init Duration",
                        "count",
                        inits.size(),
                        "cold starts"));
        if (!inits.isEmpty()) {
            out.add(
                    new CloudMetric(
                            "aws-lambda",
                            "REPORT lines",
                            "Init Duration",
                            "mean",
                            mean(inits),
                            "ms"));
            out.add(
                    new CloudMetric(
                            "aws-lambda",
                            "REPORT lines",
                            "Init Duration",
                            "max",
                            inits.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                            "ms"));
        }
        return out;
    }

    /**
     * A {@code timeSeries.list} response: counts summed, gauges maxed, distributions averaged by
     * count.
     */
    static List<CloudMetric> timeSeries(String target, String metric, byte[] json)
            throws IOException {
        Map<String, Object> root = JSON.readValue(json, OBJECT);
        double sum = 0;
        double max = 0;
        double weighted = 0;
        long count = 0;
        int points = 0;
        String kind = "int64";
        double refused = 0;
        for (Object s : list(root.get("timeSeries"))) {
            boolean tooMany = "429".equals(labels(s).get("response_code"));
            for (Object p : list(((Map<?, ?>) s).get("points"))) {
                Map<?, ?> value = (Map<?, ?>) ((Map<?, ?>) p).get("value");
                points++;
                if (value.containsKey("distributionValue")) {
                    kind = "distribution";
                    Map<?, ?> d = (Map<?, ?>) value.get("distributionValue");
                    long n = Long.parseLong(String.valueOf(d.get("count")));
                    count += n;
                    weighted +=
                            n
                                    * (d.get("mean") == null
                                            ? 0
                                            : ((Number) d.get("mean")).doubleValue());
                } else {
                    double v =
                            value.containsKey("doubleValue")
                                    ? ((Number) value.get("doubleValue")).doubleValue()
                                    : Double.parseDouble(String.valueOf(value.get("int64Value")));
                    kind = value.containsKey("doubleValue") ? "double" : "int64";
                    sum += v;
                    max = Math.max(max, v);
                    refused += tooMany ? v : 0;
                }
            }
        }
        List<CloudMetric> out = new ArrayList<>();
        if (points == 0) {
            return out;
        }
        String unit = GCP_UNITS.getOrDefault(metric, "");
        String name = metric.replace('-', '/');
        switch (kind) {
            case "distribution" -> {
                out.add(
                        new CloudMetric(
                                target,
                                "Cloud Monitoring",
                                name,
                                "mean",
                                count == 0 ? 0 : weighted / count,
                                unit));
                out.add(
                        new CloudMetric(
                                target, "Cloud Monitoring", name, "count", count, "samples"));
            }
            case "double" ->
                    out.add(
                            metric.equals("container-billable_instance_time")
                                    ? new CloudMetric(
                                            target, "Cloud Monitoring", name, "sum", sum, unit)
                                    : new CloudMetric(
                                            target, "Cloud Monitoring", name, "max", max, unit));
            default -> {
                if (metric.equals("request_count")) {
                    out.add(new CloudMetric(target, "Cloud Monitoring", name, "sum", sum, unit));
                    // Refused for want of an instance: reached the service, never an instance's
                    // billed time.
                    out.add(
                            new CloudMetric(
                                    target, "Cloud Monitoring", name, "429 sum", refused, unit));
                } else {
                    out.add(new CloudMetric(target, "Cloud Monitoring", name, "max", max, unit));
                }
            }
        }
        return out;
    }

    private static Map<?, ?> labels(Object series) {
        Object metric = ((Map<?, ?>) series).get("metric");
        Object labels = metric instanceof Map<?, ?> m ? m.get("labels") : null;
        return labels instanceof Map<?, ?> l ? l : Map.of();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
