package dev.pixelforge.standins.metrics;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.LambdaReport;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.profile.TargetProfile.Billing;
import dev.pixelforge.platform.run.RunLayout;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What the local stand-ins saw, written in the clouds' own response shapes (CloudWatch
 * get-metric-data, CloudWatch Logs filter-log-events, Cloud Monitoring timeSeries.list), so that a
 * local run's report reads its platform metrics through the same CloudMetricsReader (report module)
 * as a cloud run's.
 */
public final class LocalCloudShapes implements StandInEvents {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private record Report(long epochMillis, LambdaReport report) {}

    private record Served(Target target, int instance, long startMillis, long endMillis) {}

    /**
     * One request's hold on its instance, to the microsecond: the platform's duration (Lambda's
     * REPORT Duration; on Google, the time the request held its instance's slot).
     */
    private record Lease(Target target, int instance, long startEpochMicros, long micros) {}

    private final List<Lease> leases = new CopyOnWriteArrayList<>();
    // nanoTime to wall clock in microseconds, once, for the leases
    private final long epochOffsetMicros =
            System.currentTimeMillis() * 1000 - System.nanoTime() / 1000;

    private final List<Report> reports = new CopyOnWriteArrayList<>();
    // Per target, when each refusal was: CloudWatch counts Lambda's per minute, the counters count
    // them all.
    private final Map<Target, List<Long>> refusedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> startedAt =
            new ConcurrentHashMap<>(); // "target/id" -> epoch ms
    private final Map<String, Long> stoppedAt = new ConcurrentHashMap<>();
    private final Function<Target, Billing> billing;
    private final LongSupplier epochMillis; // instances' lives, for instance-based billing

    /**
     * {@code billing}: each target's billing mode, which decides what its billable instance time
     * counts.
     */
    public LocalCloudShapes(Function<Target, Billing> billing) {
        this(billing, System::currentTimeMillis);
    }

    LocalCloudShapes(Function<Target, Billing> billing, LongSupplier epochMillis) {
        this.billing = billing;
        this.epochMillis = epochMillis;
    }

    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final List<InstanceRecord> stopped = new CopyOnWriteArrayList<>();
    // nanoTime to wall clock, once: requestServed reports nanoTime
    private final long epochOffsetMillis =
            System.currentTimeMillis() - System.nanoTime() / 1_000_000;

    @Override
    public void lambdaReport(LambdaReport report) {
        reports.add(new Report(System.currentTimeMillis(), report));
    }

    @Override
    public void throttled(Target target, String why) {
        refusedAt
                .computeIfAbsent(target, t -> new CopyOnWriteArrayList<>())
                .add(System.currentTimeMillis());
    }

    @Override
    public void requestServed(Target target, int instance, long startNanos, long endNanos) {
        served.add(
                new Served(
                        target,
                        instance,
                        epochOffsetMillis + startNanos / 1_000_000,
                        epochOffsetMillis + endNanos / 1_000_000));
        leases.add(
                new Lease(
                        target,
                        instance,
                        epochOffsetMicros + startNanos / 1000,
                        (endNanos - startNanos) / 1000));
    }

    @Override
    public void instanceStarting(Target target, int id) {
        startedAt.put(target.id() + "/" + id, epochMillis.getAsLong());
    }

    @Override
    public void instanceStopped(InstanceRecord record) {
        stoppedAt.put(record.target().id() + "/" + record.id(), epochMillis.getAsLong());
        stopped.add(record);
    }

    public List<InstanceRecord> stoppedInstances() {
        return List.copyOf(stopped);
    }

    /**
     * Writes the cloud/ folder of a local run; {@code instances} are every instance the run used.
     */
    public void write(Path dir, List<InstanceRecord> instances) throws IOException {
        Files.createDirectories(dir);
        if (!reports.isEmpty() || throttles(Target.AWS_LAMBDA) > 0) {
            Files.write(
                    dir.resolve("aws-lambda-logs.json"),
                    JSON.writeValueAsBytes(
                            Map.of(
                                    "events",
                                    reports.stream()
                                            .map(
                                                    r ->
                                                            Map.of(
                                                                    "timestamp",
                                                                    r.epochMillis(),
                                                                    "logStreamName",
                                                                    "local/[$LATEST]env"
                                                                            + r.report()
                                                                                    .environment(),
                                                                    "message",
                                                                    r.report().line() + "\n"))
                                            .toList(),
                                    "searchedLogStreams",
                                    List.of())));
            Files.write(
                    dir.resolve("aws-cloudwatch.json"),
                    JSON.writeValueAsBytes(
                            Map.of("MetricDataResults", cloudWatch(), "Messages", List.of())));
        }
        for (Target t : List.of(Target.GCP_FUNCTION, Target.CONTAINER)) {
            List<InstanceRecord> mine =
                    instances.stream()
                            .filter(i -> i.target() == t && i.readyMillis() >= 0)
                            .toList();
            if (mine.isEmpty()) {
                continue;
            }
            Map<String, Object> startup =
                    Map.of(
                            "count",
                            Long.toString(mine.size()),
                            "mean",
                            mine.stream()
                                    .mapToDouble(InstanceRecord::readyMillis)
                                    .average()
                                    .orElse(0));
            Files.write(
                    dir.resolve(t.id() + "-container-startup_latencies.json"),
                    JSON.writeValueAsBytes(
                            series(
                                    t,
                                    "container/startup_latencies",
                                    "DELTA",
                                    "DISTRIBUTION",
                                    List.of(point(Map.of("distributionValue", startup))))));
            long most =
                    perMinute(t).values().stream().mapToLong(m -> m[1]).max().orElse(mine.size());
            Files.write(
                    dir.resolve(t.id() + "-container-instance_count.json"),
                    JSON.writeValueAsBytes(
                            series(
                                    t,
                                    "container/instance_count",
                                    "GAUGE",
                                    "INT64",
                                    List.of(point(Map.of("int64Value", Long.toString(most)))))));
            double billableSeconds = 0;
            long now = epochMillis.getAsLong();
            for (InstanceRecord i : mine) {
                if (billing.apply(t) == Billing.INSTANCE) {
                    // Instance-based billing: the instance's whole life, start-up to shutdown, busy
                    // or not.
                    String key = t.id() + "/" + i.id();
                    long life =
                            Math.max(
                                    0,
                                    stoppedAt.getOrDefault(key, now)
                                            - startedAt.getOrDefault(key, now));
                    billableSeconds += (long) Math.ceil(life / 100.0) * 100 / 1000.0;
                    continue;
                }
                List<long[]> busy =
                        served.stream()
                                .filter(s -> s.target() == t && s.instance() == i.id())
                                .map(s -> new long[] {s.startMillis(), s.endMillis()})
                                .toList();
                billableSeconds += billableMillis(busy, i.readyMillis()) / 1000.0;
            }
            Files.write(
                    dir.resolve(t.id() + "-container-billable_instance_time.json"),
                    JSON.writeValueAsBytes(
                            series(
                                    t,
                                    "container/billable_instance_time",
                                    "DELTA",
                                    "DOUBLE",
                                    List.of(point(Map.of("doubleValue", billableSeconds))))));
            long requests = served(t);
            long throttled = throttles(t);
            // As Cloud Monitoring counts them: every request that reached the service, the 429s it
            // refused for want of an instance in a series of their own (label response_code).
            Map<String, Object> answered =
                    timeSeries(
                            t,
                            "request_count",
                            "DELTA",
                            "INT64",
                            Map.of(),
                            List.of(point(Map.of("int64Value", Long.toString(requests)))));
            Map<String, Object> refusedSeries =
                    timeSeries(
                            t,
                            "request_count",
                            "DELTA",
                            "INT64",
                            Map.of("response_code", "429", "response_code_class", "4xx"),
                            List.of(point(Map.of("int64Value", Long.toString(throttled)))));
            Files.write(
                    dir.resolve(t.id() + "-request_count.json"),
                    JSON.writeValueAsBytes(
                            Map.of(
                                    "timeSeries",
                                    throttled == 0
                                            ? List.of(answered)
                                            : List.of(answered, refusedSeries))));
        }
        writeCounters(dir.resolve(RunLayout.STANDINS_PROPERTIES));
        StringBuilder csv = new StringBuilder("target,instance,start_epoch_us,duration_us\n");
        leases.stream()
                .sorted(Comparator.comparingLong(Lease::startEpochMicros))
                .forEach(
                        l ->
                                csv.append(l.target().id())
                                        .append(',')
                                        .append(l.instance())
                                        .append(',')
                                        .append(l.startEpochMicros())
                                        .append(',')
                                        .append(l.micros())
                                        .append('\n'));
        Files.writeString(dir.resolve(RunLayout.LEASES), csv);
    }

    /**
     * Requests the stand-ins refused for {@code target} (Lambda: throttled; Google: no instance
     * free).
     */
    public long throttles(Target target) {
        return refusedAt.getOrDefault(target, List.of()).size();
    }

    /** Requests an instance of {@code target} held (Lambda: invocations). */
    private long served(Target target) {
        return served.stream().filter(s -> s.target() == target).count();
    }

    /**
     * The stand-ins' own counters, not shaped as any cloud's: what the report cross-checks the
     * samples and the cloud-shaped metrics against.
     */
    private void writeCounters(Path file) throws IOException {
        StringBuilder out =
                new StringBuilder(
                        "# the local stand-ins' own counters, per target: requests refused"
                                + " (throttled) and served\n");
        for (Target t : Target.values()) {
            long answered = served(t);
            out.append("throttles.").append(t.id()).append('=').append(throttles(t)).append('\n');
            out.append("served.").append(t.id()).append('=').append(answered).append('\n');
        }
        Files.writeString(file, out);
    }

    /**
     * One instance's billable time on request-based billing: while it has at least one request in
     * flight (the union of its requests' intervals: concurrent ones share it), plus its start-up,
     * rounded up to 100 ms ("rounded up to the nearest 100 millisecond", Cloud Run pricing).
     */
    static long billableMillis(List<long[]> requestIntervals, double startupMillis) {
        List<long[]> sorted = new ArrayList<>(requestIntervals);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        long busy = 0;
        long openStart = Long.MIN_VALUE;
        long openEnd = Long.MIN_VALUE;
        for (long[] r : sorted) {
            if (r[0] > openEnd) {
                busy += Math.max(0, openEnd - openStart);
                openStart = r[0];
                openEnd = r[1];
            } else {
                openEnd = Math.max(openEnd, r[1]);
            }
        }
        busy += Math.max(0, openEnd - openStart);
        double total = busy + Math.max(0, startupMillis);
        return (long) Math.ceil(total / 100) * 100;
    }

    /**
     * Per-minute Invocations, Duration, Throttles and ConcurrentExecutions, as CloudWatch
     * aggregates them.
     */
    private List<Map<String, Object>> cloudWatch() {
        TreeMap<Long, double[]> minutes = new TreeMap<>(); // invocations, duration sum, throttles
        for (Report r : reports) {
            double[] m = minutes.computeIfAbsent(r.epochMillis() / 60_000, k -> new double[3]);
            m[0]++;
            m[1] += r.report().durationMillis();
        }
        for (long t : refusedAt.getOrDefault(Target.AWS_LAMBDA, List.of())) {
            minutes.computeIfAbsent(t / 60_000, k -> new double[3])[2]++;
        }
        Map<Long, long[]> concurrency = perMinute(Target.AWS_LAMBDA);
        List<String> stamps = new ArrayList<>();
        List<Double> invocations = new ArrayList<>();
        List<Double> durations = new ArrayList<>();
        List<Double> throttled = new ArrayList<>();
        List<Double> concurrent = new ArrayList<>();
        minutes.descendingMap()
                .forEach(
                        (minute, m) -> {
                            stamps.add(Instant.ofEpochMilli(minute * 60_000).toString());
                            invocations.add(m[0]);
                            durations.add(m[0] == 0 ? 0 : m[1] / m[0]);
                            throttled.add(m[2]);
                            concurrent.add(
                                    (double) concurrency.getOrDefault(minute, new long[2])[0]);
                        });
        List<Map<String, Object>> results = new ArrayList<>();
        results.add(result("duration", "Duration", stamps, durations));
        results.add(result("invocations", "Invocations", stamps, invocations));
        results.add(result("throttles", "Throttles", stamps, throttled));
        results.add(result("concurrentexecutions", "ConcurrentExecutions", stamps, concurrent));
        return results;
    }

    /**
     * Per minute: the most requests in flight at once, and the most instances busy at once (one
     * sweep).
     */
    private Map<Long, long[]> perMinute(Target target) {
        List<long[]> edges = new ArrayList<>(); // time, +1 start / -1 end, instance
        for (Served s : served) {
            if (s.target() == target) {
                edges.add(new long[] {s.startMillis(), 1, s.instance()});
                edges.add(new long[] {s.endMillis(), -1, s.instance()});
            }
        }
        // Ends before starts at the same millisecond: back-to-back requests do not overlap.
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        Map<Long, long[]> out = new TreeMap<>();
        Map<Long, Integer> busy = new HashMap<>();
        long inFlight = 0;
        for (long[] e : edges) {
            inFlight += e[1];
            busy.merge(e[2], (int) e[1], Integer::sum);
            busy.values().removeIf(n -> n == 0);
            if (e[1] > 0) {
                long[] m = out.computeIfAbsent(e[0] / 60_000, k -> new long[2]);
                m[0] = Math.max(m[0], inFlight);
                m[1] = Math.max(m[1], busy.size());
            }
        }
        return out;
    }

    private static Map<String, Object> result(
            String id, String label, List<String> stamps, List<Double> values) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Id", id);
        r.put("Label", label);
        r.put("Timestamps", stamps);
        r.put("Values", values);
        r.put("StatusCode", "Complete");
        return r;
    }

    private static Map<String, Object> series(
            Target t,
            String metric,
            String kind,
            String valueType,
            List<Map<String, Object>> points) {
        return Map.of(
                "timeSeries", List.of(timeSeries(t, metric, kind, valueType, Map.of(), points)));
    }

    private static Map<String, Object> timeSeries(
            Target t,
            String metric,
            String kind,
            String valueType,
            Map<String, String> labels,
            List<Map<String, Object>> points) {
        return Map.of(
                "metric",
                Map.of("type", "run.googleapis.com/" + metric, "labels", labels),
                "resource",
                Map.of(
                        "type",
                        "cloud_run_revision",
                        "labels",
                        Map.of("service_name", "pixelforge-" + t.id(), "location", "local")),
                "metricKind",
                kind,
                "valueType",
                valueType,
                "points",
                points);
    }

    private static Map<String, Object> point(Map<String, Object> value) {
        String now = Instant.now().toString();
        return Map.of("interval", Map.of("startTime", now, "endTime", now), "value", value);
    }
}
