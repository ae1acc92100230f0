package dev.pixelforge.report.format;

import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.report.cloud.CloudMetric;
import dev.pixelforge.report.cost.CostEstimate;
import dev.pixelforge.report.cost.MonthlyCost;
import dev.pixelforge.report.summary.CrossCheck;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.Summarizer;
import dev.pixelforge.report.summary.TargetSummary;
import dev.pixelforge.report.verdict.Verdict;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code report.html}: one self-contained page (interactive uPlot charts, uPlot inlined, PNG
 * fallbacks), readable offline.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /**
     * The charts as PNG, by file name: {@code charts/} keeps them for summary.md, and the HTML
     * falls back on them.
     */
    public static Map<String, byte[]> pngs(List<ChartSpec> charts) throws IOException {
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        for (ChartSpec c : charts) {
            pngs.put(c.name() + ".png", PngChart.draw(c));
        }
        return pngs;
    }

    public static String render(
            RunSummary run,
            Map<String, String> about,
            List<ChartSpec> charts,
            Map<String, byte[]> pngs,
            Map<String, String> dashboards)
            throws IOException {
        Map<String, String> chart = new LinkedHashMap<>();
        charts.forEach(
                c -> chart.put(c.name(), UplotChart.placeholder(c, pngs.get(c.name() + ".png"))));
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>PixelForge run ")
                .append(esc(run.run()))
                .append("</title><style>")
                .append(
                        "body{font:15px/1.45 system-ui,sans-serif;margin:0"
                                + " auto;max-width:960px;padding:1.2em;color:#222}")
                .append(
                        "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px"
                                + " solid #ddd}")
                .append(
                        "table{border-collapse:collapse;margin:.6em"
                                + " 0;font-variant-numeric:tabular-nums}")
                .append(
                        "th,td{padding:.2em .7em;border-bottom:1px solid #eee;text-align:right}"
                                + "th:first-child,td:first-child{text-align:left}")
                .append(
                        "thead th{border-bottom:2px solid"
                            + " #999}img{max-width:100%;height:auto;display:block;margin:.5em 0}")
                .append(
                        ".verdict td,.verdict th{text-align:left;vertical-align:top}"
                                + ".note{color:#555;font-size:.92em}"
                                + "dl{display:grid;grid-template-columns:max-content auto;"
                                + "gap:.1em 1em}"
                                + "dt{font-weight:600}"
                                + ".first{display:grid;grid-template-columns:1fr 1fr;gap:1em}"
                                + ".phase{font-size:1.05em}")
                .append("</style>")
                .append(UplotChart.style())
                .append("</head><body>");
        h.append("<h1>PixelForge: serverless or container?</h1>");
        // The first screen: the answer, the two charts that carry it, and what was run; every
        // table after it.
        h.append("<p class=\"phase\">").append(esc(phaseLine(run))).append("</p>");
        h.append(verdict(Verdict.of(run)));
        h.append("<div class=\"first\">")
                .append("<div>")
                .append(chart.remove("round-trip-cdf"))
                .append("</div><div>")
                .append(Objects.requireNonNullElse(chart.remove("monthly-cost"), ""))
                .append("</div></div>");
        h.append(settings(run, about));
        if (!run.cpuIsolated()) {
            h.append(
                            "<p class=\"warn\" style=\"border:2px solid"
                                    + " #b00;padding:.6em;color:#b00;font-weight:bold\">")
                    .append(esc(run.cpuIsolation()))
                    .append(
                            ". Every instance shared this machine's cores: the figures below are"
                                    + " this machine's, not the platforms'.</p>");
        }
        for (String w : run.warnings()) {
            h.append("<p class=\"warn\" style=\"border:1px solid #b60;padding:.6em;color:#850\">")
                    .append(esc(w))
                    .append("</p>");
        }
        h.append("<details><summary>The full run manifest (run.properties)</summary><dl>");
        about.forEach(
                (k, v) ->
                        h.append("<dt>")
                                .append(esc(k))
                                .append("</dt><dd>")
                                .append(esc(v))
                                .append("</dd>"));
        h.append("</dl></details>");

        h.append("<h2>Side by side</h2>");
        h.append(table(SummaryTable.of(run)));
        h.append("<h2>Every timing (ms)</h2>").append(timings(TimingTable.of(run)));
        h.append(
                "<p class=\"note\">Round trip, latency (time to first byte, connect included) and"
                    + " connect are measured by the load client (JMeter, whole milliseconds)."
                    + " Process is the function's own <code>app</code> time from"
                    + " <code>Server-Timing</code>; overhead is round trip minus process: network,"
                    + " gateway, queueing, framework (what the CMPT 756 page called latency)."
                    + " Percentiles are nearest-rank; std is the population standard deviation. A"
                    + " throttle is a refusal by the platform: 429, or the 500 API Gateway returns"
                    + " for a throttled Lambda. Availability is successes over all requests.</p>");
        if (run.openLoop()) {
            h.append("<p class=\"note\">")
                    .append(esc(MarkdownSummary.OPEN_LOOP_NOTE))
                    .append("</p>");
        }

        h.append("<h2>Round trip over time</h2>").append(chart.remove("round-trip-over-time"));
        h.append("<h2>Throughput and throttles</h2>").append(chart.remove("throughput-over-time"));
        h.append("<h2>By image size</h2>").append(chart.remove("round-trip-by-image"));
        h.append(imageTable(run));
        h.append("<h2>Cold starts</h2>").append(chart.remove("cold-starts"));
        String monthly = monthlySection(run, chart); // takes its chart, shown after the cost table
        // A chart no section names still shows: a new chart needs only its definition in
        // Charts.all.
        charts.stream()
                .filter(c -> chart.containsKey(c.name()))
                .forEach(
                        c ->
                                h.append("<h2>")
                                        .append(esc(c.title()))
                                        .append("</h2>")
                                        .append(chart.get(c.name())));
        h.append(platformSections(run));
        h.append(monthly);
        h.append(
                "<p class=\"note\">A cold start is the first request a new process serves (a new"
                    + " Lambda execution environment, function instance or container); the function"
                    + " flags it in <code>X-PixelForge-Cold</code>.</p>");
        h.append(dashboardLinks(dashboards));
        h.append(UplotChart.scripts(charts));
        h.append("</body></html>\n");
        return h.toString();
    }

    /** What the verdict is drawn from: each target's steady state against its window. */
    static String phaseLine(RunSummary run) {
        List<String> parts =
                run.targets().stream()
                        .map(
                                t ->
                                        String.format(
                                                Locale.ROOT,
                                                "%s %.1f of %.1f",
                                                t.target(),
                                                run.steadyCloudSeconds(t),
                                                run.cloudSeconds(t)))
                        .toList();
        return "Drawn from each target's steady state, in cloud seconds: "
                + String.join(", ", parts)
                + " (start-up left out; see docs/model.md for the rule).";
    }

    /** The run's settings as a short list a person reads; the full manifest is folded below. */
    static String settings(RunSummary run, Map<String, String> about) {
        StringBuilder h = new StringBuilder("<dl class=\"settings\">");
        item(h, "run", run.run() + ", profile " + run.profile());
        item(h, "load", about.getOrDefault("load", "?"));
        item(h, "images", about.getOrDefault("images", "?"));
        for (TargetSummary t : run.targets()) {
            String memory = about.get("memory-mb." + t.target());
            String cpus = about.get("cpus." + t.target());
            String access = about.get(RunManifest.ACCESS + t.target());
            item(
                    h,
                    t.target(),
                    (memory == null ? "" : memory + " MB, ")
                            + (cpus == null
                                    ? ""
                                    : String.format(
                                                    Locale.ROOT,
                                                    "%.2f vCPU",
                                                    Double.parseDouble(cpus))
                                            + ", ")
                            + String.format(
                                    Locale.ROOT,
                                    "ran %.2f times slower (k)",
                                    run.dilation(t.target()))
                            + (access == null ? "" : ", access " + access));
        }
        item(h, "CPU", run.cpuIsolated() ? "isolated per instance" : "NOT isolated");
        return h.append("</dl>").toString();
    }

    private static void item(StringBuilder h, String term, String value) {
        h.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>");
    }

    private static String verdict(Verdict v) {
        StringBuilder h =
                new StringBuilder(
                        "<table class=\"verdict\"><thead><tr><th>question</th><th>better</th><th>by"
                                + " how much</th><th>significance</th></tr></thead><tbody>");
        for (Verdict.Finding f : v.findings()) {
            h.append("<tr><td>")
                    .append(esc(f.question()))
                    .append("</td><td><b>")
                    .append(esc(f.better()))
                    .append("</b></td><td>")
                    .append(esc(f.margin()))
                    .append("</td><td>")
                    .append(esc(f.significance()))
                    .append("</td></tr>");
        }
        return h.append(
                        "</tbody></table><p class=\"note\">Steady state only (cold starts:"
                                + " the whole window). Best target against the runner-up,"
                                + " cloud-equivalent on a dilated run. Significant at 95%: the two"
                                + " intervals, from ten stretches of each steady state so that they"
                                + " hold for correlated samples (sectioning for latency, batch"
                                + " means for availability and goodput), do not overlap. Targets"
                                + " whose interval overlaps the best's are named with it, as"
                                + " tied.</p>")
                .toString();
    }

    /**
     * The monthly cost against traffic, its lines and where they cross, when the run has cost
     * estimates.
     */
    private static String monthlySection(RunSummary run, Map<String, String> chart) {
        if (run.monthly().isEmpty()) {
            return "";
        }
        StringBuilder h =
                new StringBuilder("<h2>Monthly cost against traffic</h2>")
                        .append("<p class=\"note\">The chart is on the first screen.</p>")
                        .append("<p class=\"note\">")
                        .append(esc(CostNotes.monthlyModel()))
                        .append("</p>")
                        .append(
                                "<table><thead><tr><th>target</th><th>USD a month per"
                                        + " request/s</th><th>fixed USD a"
                                        + " month</th><th>how</th></tr></thead><tbody>");
        for (MonthlyCost m : run.monthly()) {
            h.append("<tr><td>")
                    .append(esc(m.target()))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", m.slope()))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", m.fixedUsdPerMonth()))
                    .append("</td><td>")
                    .append(esc(m.basis()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table>");
        if (!run.breakEvens().isEmpty()) {
            h.append("<p>Break-even:</p><ul>");
            run.breakEvens()
                    .forEach(b -> h.append("<li>").append(esc(b.sentence())).append("</li>"));
            h.append("</ul>");
        }
        return h.toString();
    }

    private static String table(SummaryTable t) {
        StringBuilder h = new StringBuilder("<table><thead><tr><th>measure</th>");
        t.targets().forEach(x -> h.append("<th>").append(esc(x)).append("</th>"));
        h.append("</tr></thead><tbody>");
        for (SummaryTable.Row r : t.rows()) {
            h.append("<tr><td>").append(esc(r.measure())).append("</td>");
            r.values().forEach(v -> h.append("<td>").append(esc(v)).append("</td>"));
            h.append("</tr>");
        }
        return h.append("</tbody></table>").toString();
    }

    /** The platforms' own figures and the cost estimate, when the run has them. */
    private static String platformSections(RunSummary run) {
        StringBuilder h = new StringBuilder();
        if (!run.cloud().isEmpty()) {
            h.append(
                    "<h2>Cloud metrics</h2><p class=\"note\">What the platforms reported for the"
                        + " run's window: CloudWatch and the REPORT lines for Lambda, Cloud"
                        + " Monitoring for Cloud Functions and Cloud Run (a local run writes the"
                        + " same shapes from the stand-ins).</p>"
                        + "<table><thead><tr><th>target</th><th>source</th><th>metric</th>"
                        + "<th>statistic</th><th>value</th><th>unit</th></tr></thead><tbody>");
            for (CloudMetric m : run.cloud()) {
                h.append("<tr><td>")
                        .append(esc(m.target()))
                        .append("</td><td>")
                        .append(esc(m.source()))
                        .append("</td><td>")
                        .append(esc(m.metric()))
                        .append("</td><td>")
                        .append(esc(m.statistic()))
                        .append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.2f", m.value()))
                        .append("</td><td>")
                        .append(esc(m.unit()))
                        .append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
        if (!run.crossChecks().isEmpty()) {
            h.append(
                    "<h2>Cross-checks</h2><p class=\"note\">Counts the run knows two ways: from its"
                        + " samples and from the platform. On the local stand-ins each must hold"
                        + " exactly; on a cloud a difference says what the client and the platform"
                        + " saw differently.</p>");
            h.append("<table><thead><tr><th>target</th><th>claim</th><th>left</th><th>right</th>");
            h.append("<th>source of right</th><th>holds</th></tr></thead><tbody>");
            for (CrossCheck c : run.crossChecks()) {
                h.append("<tr><td>")
                        .append(esc(c.target()))
                        .append("</td><td>")
                        .append(esc(c.claim()))
                        .append("</td><td>")
                        .append(c.expected())
                        .append("</td><td>")
                        .append(c.observed())
                        .append("</td><td>")
                        .append(esc(c.source()))
                        .append("</td><td>")
                        .append(c.agrees() ? "yes" : "<b>no</b>")
                        .append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
        if (!run.costs().isEmpty()) {
            h.append("<h2>Cost</h2><p class=\"note\">")
                    .append(esc(CostNotes.estimates(run)))
                    .append("</p>")
                    .append(
                            "<table><thead><tr><th>target</th><th>billed per request"
                                    + " (ms)</th><th>memory (MB)</th><th>vCPU</th><th>USD per"
                                    + " million</th><th>egress USD per"
                                    + " million</th><th>how</th></tr></thead><tbody>");
            for (CostEstimate c : run.costs()) {
                h.append("<tr><td>")
                        .append(esc(c.target()))
                        .append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.1f", c.billedMillis()))
                        .append("</td><td>")
                        .append(c.memoryMb())
                        .append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.1f", c.cpus()))
                        .append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.2f", c.perMillionUsd()))
                        .append("</td><td>")
                        .append(CostNotes.egress(c))
                        .append("</td><td>")
                        .append(esc(CostNotes.basis(c)))
                        .append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
        return h.toString();
    }

    private static String timings(TimingTable t) {
        StringBuilder h = new StringBuilder("<table><thead><tr><th>timing</th><th>target</th>");
        TimingTable.COLUMNS.forEach(c -> h.append("<th>").append(c).append("</th>"));
        h.append("</tr></thead><tbody>");
        String last = "";
        for (TimingTable.Row r : t.rows()) {
            h.append("<tr><td>")
                    .append(r.timing().equals(last) ? "" : esc(r.timing()))
                    .append("</td><td>")
                    .append(esc(r.target()))
                    .append("</td>");
            r.values().forEach(v -> h.append("<td>").append(esc(v)).append("</td>"));
            h.append("</tr>");
            last = r.timing();
        }
        return h.append("</tbody></table>").toString();
    }

    private static String imageTable(RunSummary run) {
        Set<String> images = new LinkedHashSet<>();
        run.targets().forEach(t -> images.addAll(t.byImage().keySet()));
        if (images.isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<table><thead><tr><th>image</th>");
        run.targets()
                .forEach(
                        t ->
                                h.append("<th>")
                                        .append(esc(t.target()))
                                        .append(" round trip p50</th><th>process p50</th>"));
        h.append("</tr></thead><tbody>");
        images.stream()
                .sorted((a, b) -> Long.compare(Summarizer.pixels(a), Summarizer.pixels(b)))
                .forEach(
                        image -> {
                            h.append("<tr><td>").append(esc(image)).append("</td>");
                            for (TargetSummary t : run.targets()) {
                                TargetSummary.ImageTimes it = t.byImage().get(image);
                                h.append("<td>")
                                        .append(it == null ? "-" : Units.ms(it.roundTrip().p50()))
                                        .append("</td><td>")
                                        .append(it == null ? "-" : Units.ms(it.process().p50()))
                                        .append("</td>");
                            }
                            h.append("</tr>");
                        });
        return h.append("</tbody></table><p class=\"note\">Milliseconds.</p>").toString();
    }

    /**
     * Links to JMeter's own HTML dashboard of each target, by target: relative, so the run folder
     * moves as a whole.
     */
    private static String dashboardLinks(Map<String, String> dashboards) {
        if (dashboards.isEmpty()) {
            return "";
        }
        StringBuilder h =
                new StringBuilder(
                        "<h2>JMeter dashboards</h2><p class=\"note\">JMeter's own HTML dashboard of"
                                + " each target's load, from the same samples (its figures are"
                                + " JMeter's: every request, failures included).</p><ul>");
        dashboards.forEach(
                (target, href) ->
                        h.append("<li><a href=\"")
                                .append(esc(href))
                                .append("\">")
                                .append(esc(target))
                                .append("</a></li>"));
        return h.append("</ul>").toString();
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
