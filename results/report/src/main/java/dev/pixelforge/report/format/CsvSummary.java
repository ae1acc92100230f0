package dev.pixelforge.report.format;

import dev.pixelforge.report.summary.TargetSummary;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.Distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code summary.csv}: one row per target, one column per measure, raw numbers (microseconds). */
public final class CsvSummary {

    private CsvSummary() {
    }

    public static String render(RunSummary run) {
        List<String> header = new ArrayList<>(List.of("target", "samples", "successes", "errors", "throttles", "cold_starts",
                "window_s", "offered_rps", "goodput_rps", "availability"));
        for (String d : List.of("round_trip", "latency", "connect", "process", "overhead", "cold_round_trip", "refusal_round_trip",
                "error_round_trip")) {
            for (String s : List.of("mean", "std", "min", "p50", "p90", "p95", "p99", "max")) {
                header.add(d + "_" + s + "_us");
            }
        }
        header.addAll(List.of("instances", "cpu_ms", "peak_rss_kb", "cpu_quota_vcpu", "throttled_ms", "cpu_isolated", "dilation"));
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (TargetSummary t : run.targets()) {
            List<String> row = new ArrayList<>(List.of(t.target(), Long.toString(t.samples()), Long.toString(t.successes()),
                    Long.toString(t.errors()), Long.toString(t.throttles()), Long.toString(t.coldStarts()),
                    num(t.windowSeconds()), num(t.offeredRps()), num(t.goodputRps()), num(t.availability())));
            for (Distribution d : List.of(t.roundTrip(), t.latency(), t.connect(), t.process(), t.overhead(), t.coldRoundTrip(),
                    t.refusalRoundTrip(), t.errorRoundTrip())) {
                row.addAll(List.of(num(d.mean()), num(d.std()), Long.toString(d.min()), Long.toString(d.p50()), Long.toString(d.p90()),
                        Long.toString(d.p95()), Long.toString(d.p99()), Long.toString(d.max())));
            }
            row.addAll(List.of(Integer.toString(t.resources().instances()), Long.toString(t.resources().cpuMillis()),
                    Long.toString(t.resources().peakRssKb()), num(t.resources().cpuQuota()), Long.toString(t.resources().throttledMillis()),
                    Boolean.toString(run.cpuIsolated()), num(run.dilation(t.target()))));
            csv.append(String.join(",", row)).append('\n');
        }
        return csv.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }
}
