package dev.pixelforge.report.format;

import dev.pixelforge.report.summary.Arrivals;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An open-loop run's own rows of the side-by-side table, its columns of {@code summary.csv}, and
 * its warnings: the rate asked for and the one sent here, the arrivals planned and sent, the rate
 * achieved, and the arrivals that left late. Nothing in a closed-loop run (its cells stay empty).
 */
public final class ArrivalRows {

    /** The columns, after the client's, in this order. */
    static final List<String> CSV_COLUMNS =
            List.of(
                    "arrivals_planned",
                    "arrivals_sent",
                    "late_arrivals",
                    "arrivals_not_sent",
                    "send_lag_p50_us",
                    "send_lag_p99_us",
                    "send_lag_max_us",
                    "arrival_rate_asked_rps",
                    "arrival_rate_sent_rps",
                    "arrival_rate_achieved_rps",
                    "round_trip_from");

    private ArrivalRows() {}

    static void add(List<SummaryTable.Row> rows, List<TargetSummary> ts, RunSummary run) {
        if (!run.openLoop()) {
            return;
        }
        SummaryTable.add(
                rows,
                ts,
                "open loop: rate asked for",
                t -> open(t) ? t.arrivals().plan().asked() : "-");
        if (run.dilated()) {
            SummaryTable.add(
                    rows,
                    ts,
                    "open loop: sent here (rate asked / k)",
                    t -> open(t) ? t.arrivals().plan().sent() : "-");
        }
        SummaryTable.add(
                rows,
                ts,
                "arrivals planned",
                t ->
                        open(t) && t.arrivals().plan().known()
                                ? Long.toString(t.arrivals().plan().planned())
                                : "-");
        SummaryTable.add(
                rows, ts, "arrivals sent", t -> open(t) ? Long.toString(t.arrivals().sent()) : "-");
        SummaryTable.add(
                rows,
                ts,
                "rate achieved (sent/s of the schedule)",
                t -> open(t) ? rate(t.arrivals().achievedPerSecond()) : "-");
        if (run.dilated()) {
            SummaryTable.add(
                    rows,
                    ts,
                    "rate achieved, cloud-equivalent (sent/s)",
                    t ->
                            open(t)
                                    ? rate(
                                            t.arrivals().achievedPerSecond()
                                                    * run.dilation(t.target()))
                                    : "-");
        }
        SummaryTable.add(
                rows,
                ts,
                "late arrivals (left 1 ms or more after due)",
                t ->
                        open(t)
                                ? String.format(
                                        Locale.ROOT,
                                        "%d (%s)",
                                        t.arrivals().late(),
                                        Units.percent(
                                                t.arrivals().sent() == 0
                                                        ? 0
                                                        : t.arrivals().late()
                                                                / (double) t.arrivals().sent()))
                                : "-");
        SummaryTable.add(
                rows,
                ts,
                "send lag p99 / max (ms)",
                t ->
                        open(t)
                                ? Units.ms(t.arrivals().sendLag().p99())
                                        + " / "
                                        + Units.ms(t.arrivals().sendLag().max())
                                : "-");
        if (ts.stream().anyMatch(t -> t.arrivals().notSent() > 0)) {
            SummaryTable.add(
                    rows,
                    ts,
                    "arrivals never sent",
                    t -> open(t) ? Long.toString(t.arrivals().notSent()) : "-");
        }
        SummaryTable.add(
                rows,
                ts,
                "load threads at most (--max-threads)",
                t ->
                        open(t) && t.arrivals().plan().known()
                                ? Integer.toString(t.arrivals().plan().maxThreads())
                                : "-");
    }

    static List<String> csv(TargetSummary t, RunSummary run) {
        Arrivals a = t.arrivals();
        if (!a.openLoop()) {
            return List.of("", "", "", "", "", "", "", "", "", "", "send");
        }
        return List.of(
                a.plan().known() ? Long.toString(a.plan().planned()) : "",
                Long.toString(a.sent()),
                Long.toString(a.late()),
                a.plan().known() ? Long.toString(a.notSent()) : "",
                Long.toString(a.sendLag().p50()),
                Long.toString(a.sendLag().p99()),
                Long.toString(a.sendLag().max()),
                num(a.plan().askedPerSecond()),
                num(a.plan().sentPerSecond()),
                num(a.achievedPerSecond()),
                "intended_send");
    }

    /**
     * Sentences before any figure: what was sent to a dilated target, arrivals that left late or
     * never left.
     */
    public static List<String> warnings(RunSummary run) {
        List<String> out = new ArrayList<>();
        for (TargetSummary t : run.targets()) {
            Arrivals a = t.arrivals();
            if (!a.openLoop()) {
                continue;
            }
            double k = run.dilation(t.target());
            if (k != 1 && a.plan().known()) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "%s ran dilated (k = %.2f), so it was sent %s: the rate asked for"
                                    + " (%s) divided by k, which cloud-equivalent is the rate asked"
                                    + " for.",
                                t.target(),
                                k,
                                a.plan().sent(),
                                a.plan().asked()));
            }
            if (a.late() > 0) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "%s: %d of %d arrivals (%s) left late, up to %s ms after they were"
                                    + " due: none of the %s load threads was free in time, or the"
                                    + " one that was woke late, short of CPU (the load client's"
                                    + " rows say how busy it was). Its round trips are from the"
                                    + " intended send time, so that wait is in them; more threads"
                                    + " (--max-threads) send them on time if the target can take"
                                    + " more requests at once.",
                                t.target(),
                                a.late(),
                                a.sent(),
                                Units.percent(a.late() / (double) a.sent()),
                                Units.ms(a.sendLag().max()),
                                a.plan().known()
                                        ? Integer.toString(a.plan().maxThreads())
                                        : "its"));
            }
            if (a.notSent() > 0) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "%s: %d of the %d arrivals planned were never sent: still waiting"
                                    + " for a free thread when the run ended, a few seconds after"
                                    + " the schedule.",
                                t.target(),
                                a.notSent(),
                                a.plan().planned()));
            }
        }
        return out;
    }

    private static boolean open(TargetSummary t) {
        return t.arrivals().openLoop();
    }

    private static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "-" : Units.rate(perSecond);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }
}
