package dev.pixelforge.report.format;

import dev.pixelforge.report.summary.Distribution;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every timing's whole distribution: one row per timing and target, one column per statistic (ms).
 */
record TimingTable(List<Row> rows) {

    static final List<String> COLUMNS =
            List.of("mean", "std", "min", "p50", "p90", "p95", "p99", "max");

    record Row(String timing, String target, List<String> values) {}

    static TimingTable of(RunSummary run) {
        List<Row> rows = new ArrayList<>();
        String rt = run.roundTripName(); // open loop: from each request's intended send time, as
        // the side-by-side table says
        add(rows, run, rt, TargetSummary::roundTrip);
        add(rows, run, "latency (TTFB)", TargetSummary::latency);
        add(rows, run, "connect", TargetSummary::connect);
        add(rows, run, "process (app)", TargetSummary::process);
        add(rows, run, "overhead", TargetSummary::overhead);
        add(rows, run, "cold start " + rt, TargetSummary::coldRoundTrip);
        add(rows, run, "refusal time to answer", TargetSummary::refusalRoundTrip);
        add(rows, run, "error time to answer", TargetSummary::errorRoundTrip);
        return new TimingTable(List.copyOf(rows));
    }

    private static void add(
            List<Row> rows,
            RunSummary run,
            String timing,
            Function<TargetSummary, Distribution> of) {
        for (TargetSummary t : run.targets()) {
            Distribution d = of.apply(t);
            rows.add(
                    new Row(
                            timing,
                            t.target(),
                            List.of(
                                    Units.ms(d.mean()),
                                    Units.ms(d.std()),
                                    Units.ms(d.min()),
                                    Units.ms(d.p50()),
                                    Units.ms(d.p90()),
                                    Units.ms(d.p95()),
                                    Units.ms(d.p99()),
                                    Units.ms(d.max()))));
        }
    }
}
