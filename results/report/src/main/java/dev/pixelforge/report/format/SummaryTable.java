package dev.pixelforge.report.format;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.payload.LargestImage;
import dev.pixelforge.report.cost.CostEstimate;
import dev.pixelforge.report.summary.Distribution;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;
import dev.pixelforge.report.verdict.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The side-by-side table every format shows first: one row per measure, one column per target.
 * Built once from the summary; Markdown, HTML and the console only lay it out.
 */
public record SummaryTable(List<String> targets, List<Row> rows) {

    record Row(String measure, List<String> values) {}

    public static SummaryTable of(RunSummary run) {
        List<TargetSummary> ts = run.targets();
        List<Row> rows = new ArrayList<>();
        String rt = run.roundTripName();
        // Every figure below but the cold starts is of the steady state: how much of it there was
        // comes first.
        add(rows, ts, "load window (cloud s)", t -> Units.secondsOf(run.cloudSeconds(t)));
        add(
                rows,
                ts,
                "steady state (cloud s)",
                t ->
                        Units.secondsOf(run.steadyCloudSeconds(t))
                                + (run.steadyCloudSeconds(t) < Verdict.MIN_STEADY_CLOUD_SECONDS
                                        ? " (too short)"
                                        : ""));
        add(
                rows,
                ts,
                "start-up requests (left out)",
                t -> Long.toString(t.phase().startupRequests()));
        add(rows, ts, "samples (steady state)", t -> Long.toString(t.samples()));
        add(rows, ts, "offered (requests sent/s)", t -> Units.rate(t.offeredRps()));
        add(rows, ts, "goodput (successes/s)", t -> Units.rate(t.goodputRps()));
        add(rows, ts, "availability", t -> Units.percent(t.availability()));
        add(rows, ts, "errors", t -> Long.toString(t.errors()));
        add(rows, ts, "throttles (refusals)", t -> Long.toString(t.throttles()));
        add(rows, ts, "refusal time to answer p50 (ms)", t -> Units.ms(t.refusalRoundTrip().p50()));
        add(
                rows,
                ts,
                "cold starts (whole window)",
                t ->
                        Long.toString(t.coldStarts())
                                + (t.coldStarts() > 0 && t.coldStarts() < Verdict.FEW_COLD_STARTS
                                        ? " (anecdote)"
                                        : ""));
        add(rows, ts, "cold start " + rt + " p50 (ms)", t -> Units.ms(t.coldRoundTrip().p50()));
        add(rows, ts, rt + " p50 (ms)", t -> Units.ms(t.roundTrip().p50()));
        add(rows, ts, "  95% interval (ms)", t -> sectioned(t, 0.50));
        if (ts.size() > 1) {
            add(
                    rows,
                    ts,
                    versus(run, ts),
                    t ->
                            t == ts.get(0)
                                    ? "-"
                                    : versus(
                                            run,
                                            ts.get(0),
                                            t,
                                            d -> d.p50(),
                                            Distribution::p50Interval));
        }
        add(rows, ts, rt + " p95 (ms)", t -> Units.ms(t.roundTrip().p95()));
        add(rows, ts, "  95% interval (ms)", t -> sectioned(t, 0.95));
        if (ts.size() > 1) {
            add(
                    rows,
                    ts,
                    versus(run, ts),
                    t ->
                            t == ts.get(0)
                                    ? "-"
                                    : versus(
                                            run,
                                            ts.get(0),
                                            t,
                                            d -> d.p95(),
                                            Distribution::p95Interval));
        }
        add(
                rows,
                ts,
                rt + " p99 (ms)",
                t ->
                        Units.ms(t.roundTrip().p99())
                                + (t.roundTrip().count() > 0
                                                && t.roundTrip().count() < Distribution.FEW_FOR_P99
                                        ? " (n<100)"
                                        : ""));
        add(rows, ts, "latency (TTFB) p50 (ms)", t -> Units.ms(t.latency().p50()));
        add(rows, ts, "process (app) p50 (ms)", t -> Units.ms(t.process().p50()));
        add(rows, ts, "overhead p50 (ms)", t -> Units.ms(t.overhead().p50()));
        if (run.dilated()) {
            add(
                    rows,
                    ts,
                    "dilation k (model run k times slower)",
                    t -> String.format(Locale.ROOT, "%.2f", run.dilation(t.target())));
            add(
                    rows,
                    ts,
                    "goodput, cloud-equivalent (successes/s)",
                    t -> Units.rate(t.goodputRps() * run.dilation(t.target())));
            add(
                    rows,
                    ts,
                    rt + " p50, cloud-equivalent (ms)",
                    t -> Units.ms(t.cloudRoundTrip().p50()));
            add(
                    rows,
                    ts,
                    rt + " p95, cloud-equivalent (ms)",
                    t -> Units.ms(t.cloudRoundTrip().p95()));
            add(
                    rows,
                    ts,
                    "process (app) p50, cloud-equivalent (ms)",
                    t -> Units.ms(t.process().p50() / run.dilation(t.target())));
            add(
                    rows,
                    ts,
                    "cold start " + rt + " p50, cloud-eq. (ms)",
                    t -> Units.ms(t.coldRoundTrip().p50() / run.dilation(t.target())));
            add(
                    rows,
                    ts,
                    "CPU share per instance, cloud (vCPU)",
                    t ->
                            Double.isNaN(t.resources().cpuQuota())
                                    ? "-"
                                    : String.format(
                                            Locale.ROOT,
                                            "%.3f",
                                            t.resources().cpuQuota() * run.dilation(t.target())));
        }
        add(
                rows,
                ts,
                "instances",
                t -> t.resources().known() ? Integer.toString(t.resources().instances()) : "-");
        add(
                rows,
                ts,
                "instance ready, mean (ms)",
                t ->
                        t.resources().known()
                                ? Units.ms(t.resources().meanReadyMillis() * 1000)
                                : "-");
        add(
                rows,
                ts,
                "CPU quota per instance, enforced (vCPU)",
                t ->
                        t.resources().known() && !Double.isNaN(t.resources().cpuQuota())
                                ? String.format(Locale.ROOT, "%.3f", t.resources().cpuQuota())
                                : run.cpuIsolated() ? "-" : "none");
        add(
                rows,
                ts,
                "CPU time, all instances (s)",
                t -> t.resources().known() ? Units.seconds(t.resources().cpuMillis()) : "-");
        add(
                rows,
                ts,
                "CPU throttled by quota, all cores (s)",
                t -> t.resources().known() ? Units.seconds(t.resources().throttledMillis()) : "-");
        add(
                rows,
                ts,
                "peak RSS, largest instance (MB)",
                t -> t.resources().known() ? Units.mb(t.resources().peakRssKb()) : "-");
        if (!run.costs().isEmpty()) {
            // Compute and data out on lines of their own: egress is the larger bill for images.
            add(
                    rows,
                    ts,
                    "compute (steady state), USD per million",
                    t -> usd(run, t, c -> c.perMillionUsd()));
            add(
                    rows,
                    ts,
                    "start-ups (stated rate), USD per million",
                    t -> usd(run, t, c -> c.startupPerMillionUsd()));
            add(
                    rows,
                    ts,
                    "egress, USD per million",
                    t -> usd(run, t, c -> c.egressPerMillionUsd()));
        }
        add(rows, ts, "largest request sent / accepted (MB)", SummaryTable::largestRequest);
        ArrivalRows.add(rows, ts, run);
        ClientRows.add(rows, ts, run);
        return new SummaryTable(ts.stream().map(TargetSummary::target).toList(), List.copyOf(rows));
    }

    private static String versus(RunSummary run, List<TargetSummary> ts) {
        return "  vs " + ts.get(0).target() + (run.dilated() ? ", cloud-equivalent (ms)" : " (ms)");
    }

    /**
     * {@code t}'s round-trip quantile minus {@code first}'s, with the interval of the difference;
     * on a dilated run both sides are divided by their own k first, since targets run k times
     * slower each.
     */
    private static String versus(
            RunSummary run,
            TargetSummary first,
            TargetSummary t,
            ToLongFunction<Distribution> quantile,
            Function<Distribution, long[]> interval) {
        double kFirst = run.dilation(first.target());
        double kThis = run.dilation(t.target());
        long[] a = interval.apply(first.roundTrip());
        long[] b = interval.apply(t.roundTrip());
        long value =
                Math.round(
                        quantile.applyAsLong(t.roundTrip()) / kThis
                                - quantile.applyAsLong(first.roundTrip()) / kFirst);
        long[] range =
                a == null || b == null
                        ? null
                        : new long[] {
                            Math.round(b[0] / kThis - a[1] / kFirst),
                            Math.round(b[1] / kThis - a[0] / kFirst)
                        };
        return difference(value, range);
    }

    /** A 95% interval in ms, or why there is none. */
    /**
     * The round trip's p-quantile interval as the verdict draws it (sectioning over the steady
     * state's ten batches), in measured ms.
     */
    private static String sectioned(TargetSummary t, double p) {
        long[] sorted = t.roundTripSorted();
        if (sorted.length == 0) {
            return "too few";
        }
        double[] i = t.batches().quantileInterval(p, Distribution.percentile(sorted, p * 100));
        return i == null ? "too few" : "[" + Units.ms(i[0]) + ", " + Units.ms(i[1]) + "]";
    }

    static String interval(long[] i) {
        return i == null ? "too few" : "[" + Units.ms(i[0]) + ", " + Units.ms(i[1]) + "]";
    }

    /**
     * A difference against the first target with its interval: "-34 [-41, -28]", or "no significant
     * difference" when it holds 0.
     */
    static String difference(long micros, long[] interval) {
        String value = signed(micros);
        if (interval == null) {
            return value + " (too few)";
        }
        String range = " [" + signed(interval[0]) + ", " + signed(interval[1]) + "]";
        return interval[0] <= 0 && interval[1] >= 0
                ? value + range + " no significant difference"
                : value + range;
    }

    /**
     * The largest request the client sent against the largest the target accepts (LargestImage:
     * Lambda's event quota through API Gateway's base64, Google's 32 MiB).
     */
    private static String largestRequest(TargetSummary t) {
        String sent = String.format(Locale.ROOT, "%.2f", t.largestSentBytes() / 1e6);
        return Arrays.stream(Target.values())
                .filter(x -> x.id().equals(t.target()))
                .findFirst()
                .map(
                        x ->
                                String.format(
                                        Locale.ROOT,
                                        "%s / %.2f",
                                        sent,
                                        LargestImage.requestBytes(x) / 1e6))
                .orElse(sent);
    }

    private static String signed(long micros) {
        return (micros > 0 ? "+" : micros < 0 ? "-" : "") + Units.ms(Math.abs(micros));
    }

    private static String usd(
            RunSummary run, TargetSummary t, ToDoubleFunction<CostEstimate> figure) {
        return run.costs().stream()
                .filter(c -> c.target().equals(t.target()))
                .findFirst()
                .map(c -> figure.applyAsDouble(c))
                .map(v -> Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v))
                .orElse("-");
    }

    static void add(
            List<Row> rows,
            List<TargetSummary> ts,
            String measure,
            Function<TargetSummary, String> value) {
        rows.add(new Row(measure, ts.stream().map(value).toList()));
    }
}
