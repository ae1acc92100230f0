package dev.pixelforge.results.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The side-by-side table every text format shows: one row per measure, one column per target.
 * Built once from the summary; Markdown, CSV and HTML only lay it out.
 */
record SummaryTable(List<String> targets, List<Row> rows) {

    record Row(String measure, List<String> values) {
    }

    static SummaryTable of(RunSummary run) {
        List<TargetSummary> ts = run.targets();
        List<Row> rows = new ArrayList<>();
        add(rows, ts, "samples", t -> Long.toString(t.samples()));
        add(rows, ts, "throughput (req/s)", t -> Units.rate(t.throughput()));
        add(rows, ts, "availability", t -> Units.percent(t.availability()));
        add(rows, ts, "errors", t -> Long.toString(t.errors()));
        add(rows, ts, "throttles", t -> Long.toString(t.throttles()));
        add(rows, ts, "cold starts", t -> Long.toString(t.coldStarts()));
        add(rows, ts, "cold start round trip p50 (ms)", t -> Units.ms(t.coldRoundTrip().p50()));
        timing(rows, ts, "round trip", TargetSummary::roundTrip);
        timing(rows, ts, "latency (TTFB)", TargetSummary::latency);
        timing(rows, ts, "connect", TargetSummary::connect);
        timing(rows, ts, "process (app)", TargetSummary::process);
        timing(rows, ts, "overhead (round trip - process)", TargetSummary::overhead);
        add(rows, ts, "instances", t -> t.resources().known() ? Integer.toString(t.resources().instances()) : "-");
        add(rows, ts, "instance ready, mean (ms)", t -> t.resources().known() ? Units.ms(t.resources().meanReadyMillis() * 1000) : "-");
        add(rows, ts, "CPU time, all instances (s)", t -> t.resources().known() ? Units.seconds(t.resources().cpuMillis()) : "-");
        add(rows, ts, "peak RSS, largest instance (MB)", t -> t.resources().known() ? Units.mb(t.resources().peakRssKb()) : "-");
        return new SummaryTable(ts.stream().map(TargetSummary::target).toList(), List.copyOf(rows));
    }

    private static void timing(List<Row> rows, List<TargetSummary> ts, String name, Function<TargetSummary, Distribution> d) {
        add(rows, ts, name + " mean (ms)", t -> Units.ms(d.apply(t).mean()));
        add(rows, ts, name + " std (ms)", t -> Units.ms(d.apply(t).std()));
        add(rows, ts, name + " min (ms)", t -> Units.ms(d.apply(t).min()));
        add(rows, ts, name + " p50 (ms)", t -> Units.ms(d.apply(t).p50()));
        add(rows, ts, name + " p90 (ms)", t -> Units.ms(d.apply(t).p90()));
        add(rows, ts, name + " p95 (ms)", t -> Units.ms(d.apply(t).p95()));
        add(rows, ts, name + " p99 (ms)", t -> Units.ms(d.apply(t).p99()));
        add(rows, ts, name + " max (ms)", t -> Units.ms(d.apply(t).max()));
    }

    private static void add(List<Row> rows, List<TargetSummary> ts, String measure, Function<TargetSummary, String> value) {
        rows.add(new Row(measure, ts.stream().map(value).toList()));
    }

    /** The rows a person reads first, for the console. */
    SummaryTable headline() {
        List<String> keep = List.of("samples", "throughput (req/s)", "availability", "errors", "throttles", "cold starts",
                "cold start round trip p50 (ms)", "round trip p50 (ms)", "round trip p95 (ms)", "round trip p99 (ms)",
                "process (app) p50 (ms)", "overhead (round trip - process) p50 (ms)");
        return new SummaryTable(targets, rows.stream().filter(r -> keep.contains(r.measure())).toList());
    }
}
