package dev.pixelforge.report.format;

import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.verdict.Verdict;

import java.util.Locale;

/** {@code summary.md}: the side-by-side table in Markdown, plus what the run was. */
public final class MarkdownSummary {

    /** What an open-loop run's round trips are, said once wherever they are shown. */
    static final String OPEN_LOOP_NOTE =
            "Open loop: requests left on a schedule of arrivals, whatever the answers. Round trips"
                + " are from each request's intended send time (a request that waited for a free"
                + " load thread carries that wait), so that a target that falls behind shows its"
                + " queue instead of slowing the client down and hiding it.";

    private MarkdownSummary() {}

    public static String render(RunSummary run) {
        StringBuilder md = new StringBuilder();
        md.append("# PixelForge run ").append(run.run()).append("\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "Profile `%s`, %.0f s. Times in ms; round trip, latency and connect"
                            + " measured by JMeter, process by the function (Server-Timing `app`),"
                            + " overhead = round trip - process; every timing is of successful"
                            + " requests, refusals (throttles) and errors are counted and timed"
                            + " apart. Offered = requests sent per second, goodput = successes per"
                            + " second, over the target's window.%n%n",
                        run.profile(),
                        run.durationSeconds()));
        if (run.openLoop()) {
            md.append(OPEN_LOOP_NOTE).append("\n\n");
        }
        md.append("## Verdict\n\n").append(verdict(Verdict.of(run))).append('\n');
        if (!run.cpuIsolated()) {
            md.append("> **")
                    .append(run.cpuIsolation())
                    .append(
                            ".** Every instance shared this machine's cores: the figures"
                                    + " below are this machine's, not the platforms'.\n\n");
        }
        run.warnings().forEach(w -> md.append("> ").append(w).append("\n\n"));
        md.append(table(SummaryTable.of(run)));
        md.append("\n## Every timing (ms)\n\n| timing | target | ")
                .append(String.join(" | ", TimingTable.COLUMNS))
                .append(" |\n|---|---|");
        TimingTable.COLUMNS.forEach(c -> md.append("---:|"));
        md.append('\n');
        for (TimingTable.Row row : TimingTable.of(run).rows()) {
            md.append("| ")
                    .append(row.timing())
                    .append(" | ")
                    .append(row.target())
                    .append(" | ")
                    .append(String.join(" | ", row.values()))
                    .append(" |\n");
        }
        if (!run.cloud().isEmpty()) {
            md.append(
                    "\n"
                            + "## Cloud metrics\n\n"
                            + "| target | source | metric | statistic | value | unit |\n"
                            + "|---|---|---|---|---:|---|\n");
            run.cloud()
                    .forEach(
                            m ->
                                    md.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    "| %s | %s | %s | %s | %.2f | %s |%n",
                                                    m.target(),
                                                    m.source(),
                                                    m.metric(),
                                                    m.statistic(),
                                                    m.value(),
                                                    m.unit())));
        }
        if (!run.crossChecks().isEmpty()) {
            md.append(
                    "\n"
                            + "## Cross-checks\n\n"
                            + "Counts the run knows two ways. On the local stand-ins each must hold"
                            + " exactly.\n\n"
                            + "| target | claim | left | right | source of right | holds |\n"
                            + "|---|---|---:|---:|---|---|\n");
            run.crossChecks()
                    .forEach(
                            c ->
                                    md.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    "| %s | %s | %d | %d | %s | %s |%n",
                                                    c.target(),
                                                    c.claim(),
                                                    c.expected(),
                                                    c.observed(),
                                                    c.source(),
                                                    c.agrees() ? "yes" : "**no**")));
        }
        if (!run.costs().isEmpty()) {
            md.append("\n## Cost (USD per million requests, prices of ")
                    .append(run.pricesAsOf())
                    .append(")\n\n")
                    .append(CostNotes.estimates(run))
                    .append(
                            "\n\n"
                                + "| target | billed per request (ms) | USD per million | egress"
                                + " USD per million | how |\n"
                                + "|---|---:|---:|---:|---|\n");
            run.costs()
                    .forEach(
                            c ->
                                    md.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    "| %s | %.1f | %.2f | %s | %s |%n",
                                                    c.target(),
                                                    c.billedMillis(),
                                                    c.perMillionUsd(),
                                                    CostNotes.egress(c),
                                                    CostNotes.basis(c))));
        }
        if (!run.monthly().isEmpty()) {
            md.append(
                            "\n"
                                    + "## Monthly cost against traffic\n\n"
                                    + "![monthly cost](charts/monthly-cost.png)\n\n")
                    .append(CostNotes.monthlyModel())
                    .append(
                            "\n\n"
                                + "| target | USD a month per request/s | fixed USD a month | how"
                                + " |\n"
                                + "|---|---:|---:|---|\n");
            run.monthly()
                    .forEach(
                            m ->
                                    md.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    "| %s | %.2f | %.2f | %s |%n",
                                                    m.target(),
                                                    m.slope(),
                                                    m.fixedUsdPerMonth(),
                                                    m.basis())));
            if (!run.breakEvens().isEmpty()) {
                md.append("\nBreak-even:\n\n");
                run.breakEvens().forEach(b -> md.append("- ").append(b.sentence()).append('\n'));
            }
        }
        return md.toString();
    }

    static String verdict(Verdict verdict) {
        StringBuilder md =
                new StringBuilder(
                        "| question | better | by how much | significance |\n|---|---|---|---|\n");
        verdict.findings()
                .forEach(
                        f ->
                                md.append("| ")
                                        .append(f.question())
                                        .append(" | ")
                                        .append(f.better())
                                        .append(" | ")
                                        .append(f.margin())
                                        .append(" | ")
                                        .append(f.significance())
                                        .append(" |\n"));
        return md.toString();
    }

    /** The verdict for the console: a line per question, the winner first. */
    public static String console(Verdict verdict) {
        int width =
                verdict.findings().stream().mapToInt(f -> f.question().length()).max().orElse(10);
        StringBuilder out = new StringBuilder("Verdict\n");
        verdict.findings()
                .forEach(
                        f ->
                                out.append(
                                        String.format(
                                                Locale.ROOT,
                                                "  %-" + width + "s  %s: %s%s%n",
                                                f.question(),
                                                f.better(),
                                                f.margin(),
                                                f.significance().equals("-")
                                                        ? ""
                                                        : "; " + f.significance())));
        return out.toString();
    }

    static String table(SummaryTable table) {
        StringBuilder md =
                new StringBuilder("| measure | ")
                        .append(String.join(" | ", table.targets()))
                        .append(" |\n|---|");
        table.targets().forEach(t -> md.append("---:|"));
        md.append('\n');
        for (SummaryTable.Row row : table.rows()) {
            md.append("| ")
                    .append(row.measure())
                    .append(" | ")
                    .append(String.join(" | ", row.values()))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** The same table in fixed-width columns, for the console. */
    public static String console(SummaryTable table) {
        int first = table.rows().stream().mapToInt(r -> r.measure().length()).max().orElse(10);
        // Each column as wide as its widest value: a difference with its interval is long, a count
        // short.
        int[] col = new int[table.targets().size()];
        for (int c = 0; c < col.length; c++) {
            int widest = table.targets().get(c).length();
            for (SummaryTable.Row row : table.rows()) {
                widest = Math.max(widest, row.values().get(c).length());
            }
            col[c] = Math.max(12, widest + 2);
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-" + first + "s", ""));
        for (int c = 0; c < col.length; c++) {
            out.append(String.format(Locale.ROOT, "%" + col[c] + "s", table.targets().get(c)));
        }
        out.append('\n');
        for (SummaryTable.Row row : table.rows()) {
            out.append(String.format(Locale.ROOT, "%-" + first + "s", row.measure()));
            for (int c = 0; c < col.length; c++) {
                out.append(String.format(Locale.ROOT, "%" + col[c] + "s", row.values().get(c)));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
