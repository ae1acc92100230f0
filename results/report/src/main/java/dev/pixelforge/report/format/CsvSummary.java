package dev.pixelforge.report.format;

import dev.pixelforge.report.summary.Distribution;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code summary.csv}: one row per target, one column per measure, raw numbers (microseconds). */
public final class CsvSummary {

    private CsvSummary() {}

    public static String render(RunSummary run) {
        List<String> header =
                new ArrayList<>(
                        List.of(
                                "target",
                                "cloud_seconds",
                                "steady_cloud_seconds",
                                "steady_from_epoch_ms",
                                "startup_requests",
                                "steady_cold_starts",
                                "samples",
                                "successes",
                                "errors",
                                "throttles",
                                "cold_starts",
                                "window_s",
                                "offered_rps",
                                "goodput_rps",
                                "availability"));
        for (String d :
                List.of(
                        "round_trip",
                        "latency",
                        "connect",
                        "process",
                        "overhead",
                        "cold_round_trip",
                        "refusal_round_trip",
                        "error_round_trip")) {
            for (String s : List.of("mean", "std", "min", "p50", "p90", "p95", "p99", "max")) {
                header.add(d + "_" + s + "_us");
            }
        }
        header.addAll(
                List.of(
                        "instances",
                        "cpu_ms",
                        "peak_rss_kb",
                        "cpu_quota_vcpu",
                        "throttled_ms",
                        "cpu_isolated",
                        "dilation",
                        "usd_per_million",
                        "usd_per_million_egress",
                        "usd_per_million_startup"));
        header.addAll(ArrivalRows.CSV_COLUMNS); // the client's columns stay last
        header.addAll(
                List.of(
                        "client_cpu_share",
                        "client_gc_share",
                        "client_failures",
                        "client_quota_throttled_share",
                        "client_bound"));
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (TargetSummary t : run.targets()) {
            List<String> row =
                    new ArrayList<>(
                            List.of(
                                    t.target(),
                                    num(run.cloudSeconds(t)),
                                    num(run.steadyCloudSeconds(t)),
                                    Long.toString(t.phase().steadyFromEpochMillis()),
                                    Long.toString(t.phase().startupRequests()),
                                    Long.toString(t.phase().steadyColdStarts()),
                                    Long.toString(t.samples()),
                                    Long.toString(t.successes()),
                                    Long.toString(t.errors()),
                                    Long.toString(t.throttles()),
                                    Long.toString(t.coldStarts()),
                                    num(t.windowSeconds()),
                                    num(t.offeredRps()),
                                    num(t.goodputRps()),
                                    num(t.availability())));
            for (Distribution d :
                    List.of(
                            t.roundTrip(),
                            t.latency(),
                            t.connect(),
                            t.process(),
                            t.overhead(),
                            t.coldRoundTrip(),
                            t.refusalRoundTrip(),
                            t.errorRoundTrip())) {
                row.addAll(
                        List.of(
                                num(d.mean()),
                                num(d.std()),
                                Long.toString(d.min()),
                                Long.toString(d.p50()),
                                Long.toString(d.p90()),
                                Long.toString(d.p95()),
                                Long.toString(d.p99()),
                                Long.toString(d.max())));
            }
            row.addAll(
                    List.of(
                            Integer.toString(t.resources().instances()),
                            Long.toString(t.resources().cpuMillis()),
                            Long.toString(t.resources().peakRssKb()),
                            num(t.resources().cpuQuota()),
                            Long.toString(t.resources().throttledMillis()),
                            Boolean.toString(run.cpuIsolated()),
                            num(run.dilation(t.target())),
                            usdPerMillion(run, t.target()),
                            usdPerMillionEgress(run, t.target()),
                            usdPerMillionStartup(run, t.target())));
            row.addAll(ArrivalRows.csv(t, run));
            row.addAll(ClientRows.csv(run.client().get(t.target())));
            csv.append(String.join(",", row)).append('\n');
        }
        return csv.toString();
    }

    /**
     * The cost estimate's USD per million requests to six decimals (micro-dollars), for checks to
     * the figure; empty without an estimate.
     */
    private static String usdPerMillion(RunSummary run, String target) {
        return run.costs().stream()
                .filter(c -> c.target().equals(target))
                .findFirst()
                .map(c -> String.format(Locale.ROOT, "%.6f", c.perMillionUsd()))
                .orElse("");
    }

    /** Data out per million responses, apart from compute; empty when not priced. */
    private static String usdPerMillionEgress(RunSummary run, String target) {
        return run.costs().stream()
                .filter(c -> c.target().equals(target) && c.egress() != null)
                .findFirst()
                .map(c -> String.format(Locale.ROOT, "%.6f", c.egressPerMillionUsd()))
                .orElse("");
    }

    /** Start-ups at the stated rate per million requests, apart; empty when not priced. */
    private static String usdPerMillionStartup(RunSummary run, String target) {
        return run.costs().stream()
                .filter(c -> c.target().equals(target) && c.startup() != null)
                .findFirst()
                .map(c -> String.format(Locale.ROOT, "%.6f", c.startupPerMillionUsd()))
                .orElse("");
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }
}
