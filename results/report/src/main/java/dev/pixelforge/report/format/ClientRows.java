package dev.pixelforge.report.format;

import dev.pixelforge.report.client.ClientLoad;
import dev.pixelforge.report.summary.ClientReach;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The load client's own rows of the side-by-side table and its columns of {@code summary.csv}: what
 * it used of the cores it had, its GC, its own failures, and the verdict on them, {@code
 * client-bound}. A run from before the client watched itself shows "-" and empty cells.
 */
final class ClientRows {

    private ClientRows() {}

    static void add(List<SummaryTable.Row> rows, List<TargetSummary> ts, RunSummary run) {
        if (run.client().isEmpty()) {
            return;
        }
        SummaryTable.add(
                rows,
                ts,
                "load client CPU (% of its cores)",
                t ->
                        with(
                                run,
                                t,
                                c ->
                                        String.format(
                                                Locale.ROOT,
                                                "%.0f%% of %s",
                                                100 * c.cpuShare(),
                                                c.coresText() + " cores")));
        SummaryTable.add(
                rows,
                ts,
                "load client GC (% of window)",
                t -> with(run, t, c -> String.format(Locale.ROOT, "%.1f%%", 100 * c.gcShare())));
        if (run.client().values().stream().anyMatch(c -> c.quotaPeriods() > 0)) {
            SummaryTable.add(
                    rows,
                    ts,
                    "load client's quota ran out (% of its periods)",
                    t ->
                            with(
                                    run,
                                    t,
                                    c ->
                                            String.format(
                                                    Locale.ROOT,
                                                    "%.1f%%",
                                                    100 * c.quotaThrottledShare())));
        }
        SummaryTable.add(
                rows,
                ts,
                "load client failures",
                t -> with(run, t, c -> Long.toString(c.clientFailures())));
        SummaryTable.add(
                rows, ts, "client-bound", t -> with(run, t, c -> c.bound() ? "yes" : "no"));
        SummaryTable.add(
                rows,
                ts,
                "requests in flight at full strength, mean",
                t ->
                        with(
                                run,
                                t,
                                c -> {
                                    ClientReach r = ClientReach.of(t, c);
                                    return Double.isNaN(r.inFlight())
                                            ? "-"
                                            : String.format(
                                                    Locale.ROOT,
                                                    "%.1f of %d threads",
                                                    r.inFlight(),
                                                    r.plannedThreads());
                                }));
    }

    /**
     * {@code client_cpu_share}, {@code client_gc_share}, {@code client_failures}, {@code
     * client_quota_throttled_share}, {@code client_bound}; empty cells without a record.
     */
    static List<String> csv(ClientLoad c) {
        if (c == null) {
            return List.of("", "", "", "", "");
        }
        return List.of(
                String.format(Locale.ROOT, "%.3f", c.cpuShare()),
                String.format(Locale.ROOT, "%.3f", c.gcShare()),
                Long.toString(c.clientFailures()),
                String.format(Locale.ROOT, "%.3f", c.quotaThrottledShare()),
                Boolean.toString(c.bound()));
    }

    private static String with(RunSummary run, TargetSummary t, Function<ClientLoad, String> f) {
        ClientLoad c = run.client().get(t.target());
        return c == null ? "-" : f.apply(c);
    }
}
