package dev.pixelforge.report.sweep;

import static dev.pixelforge.report.format.HtmlReport.esc;

import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.report.format.ChartSpec;
import dev.pixelforge.report.format.UplotChart;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code sweep.html}: the best size per target and strategy, the table, and the charts; one offline
 * file, as report.html is.
 */
final class SweepHtml {

    private SweepHtml() {}

    static String render(
            String name,
            Properties manifest,
            List<SizePoint> points,
            Map<String, List<SizeChoice>> choices,
            List<ChartSpec> charts,
            Map<String, byte[]> pngs)
            throws IOException {
        StringBuilder h =
                new StringBuilder(
                                "<!DOCTYPE html><html lang=\"en\"><head><meta"
                                        + " charset=\"utf-8\"><title>PixelForge sweep ")
                        .append(esc(name))
                        .append(
                                "</title><style>body{font:15px/1.45 system-ui,sans-serif;margin:0"
                                        + " auto;max-width:980px;padding:1.2em;color:#222}")
                        .append(
                                "h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid"
                                        + " #ddd}table{border-collapse:collapse;margin:.6em"
                                        + " 0;font-variant-numeric:tabular-nums}")
                        .append(
                                "th,td{padding:.2em .6em;border-bottom:1px solid #eee;"
                                        + "text-align:right}"
                                        + "th:first-child,td:first-child{text-align:left}")
                        .append(
                                ".choice td{text-align:left}.note{color:#555;font-size:.92em}"
                                        + "</style>")
                        .append(UplotChart.style())
                        .append("</head><body>");
        h.append("<h1>PixelForge sweep: which size?</h1><p>")
                .append(esc(manifest.getProperty(RunManifest.LOAD, "")))
                .append("</p>");
        h.append(
                "<p class=\"note\">Times are cloud-equivalent (a step the scale model ran k times"
                    + " slower has its times divided by k: see the dilation column). Cost per"
                    + " million requests is computed as each platform bills, from each step's own"
                    + " run.</p>");
        for (SizePoint p : points) {
            if (p.dilationCaveat() != null) {
                h.append(
                                "<p class=\"warn\" style=\"border:1px solid"
                                        + " #b60;padding:.6em;color:#850\">")
                        .append(esc(p.dilationCaveat()))
                        .append("</p>");
            }
        }
        h.append(
                "<h2>Best size per target</h2><table"
                    + " class=\"choice\"><thead><tr><th>target</th><th>strategy</th><th>best</th>"
                    + "<th>why</th></tr></thead><tbody>");
        choices.forEach(
                (target, list) ->
                        list.forEach(
                                c ->
                                        h.append("<tr><td>")
                                                .append(esc(target))
                                                .append("</td><td>")
                                                .append(c.strategy().id())
                                                .append(
                                                        c.strategy() == Strategy.BALANCED
                                                                ? " (weight "
                                                                        + SizeChoice.trim(
                                                                                c.weight())
                                                                        + ")"
                                                                : "")
                                                .append("</td><td><b>")
                                                .append(
                                                        c.best() == null
                                                                ? "none"
                                                                : esc(c.best().size()))
                                                .append("</b></td><td>")
                                                .append(esc(c.why()))
                                                .append("</td></tr>")));
        h.append(
                "</tbody></table><p class=\"note\">As aws-lambda-power-tuning ranks sizes:"
                    + " <b>cost</b> the cheapest (a tie to the faster), <b>speed</b> the fastest"
                    + " median process time (a tie to the cheaper), <b>balanced</b> the lowest"
                    + " weight &times; cost / the target's highest cost + (1 &minus; weight)"
                    + " &times; p50 / its slowest p50: weight 1 is cost, 0 is speed. Within noise:"
                    + " 95% intervals of the median (order statistics) overlap.</p>");
        h.append(
                "<h2>Every size</h2><table><thead><tr><th>target</th><th>size</th>"
                        + "<th>measured</th><th>vCPU</th><th>MiB</th><th>k</th>"
                        + "<th>samples</th><th>goodput/s</th>"
                        + "<th>round trip p50 ms</th><th>p95</th>"
                        + "<th>process p50 ms (95% CI)</th><th>p95</th>"
                        + "<th>cold round trip p50 ms</th><th>USD / million</th>"
                        + "<th>largest image: process p50 ms</th></tr></thead><tbody>");
        for (SizePoint p : points) {
            double[] ci = p.processP50Interval();
            h.append("<tr><td>")
                    .append(esc(p.target()))
                    .append("</td><td>")
                    .append(esc(p.size()))
                    .append("</td><td>")
                    .append(esc(p.measured()))
                    .append("</td><td>")
                    .append(f(p.vcpus(), 3))
                    .append("</td><td>")
                    .append(p.memoryMib())
                    .append("</td><td>")
                    .append(f(p.dilation(), 2))
                    .append("</td><td>")
                    .append(p.samples())
                    .append("</td><td>")
                    .append(f(p.goodputRps(), 1))
                    .append("</td><td>")
                    .append(f(p.roundTripP50(), 1))
                    .append("</td><td>")
                    .append(f(p.roundTripP95(), 1))
                    .append("</td><td>")
                    .append(f(p.processP50(), 1))
                    .append(
                            ci == null
                                    ? " (too few)"
                                    : " (" + f(ci[0], 1) + "&ndash;" + f(ci[1], 1) + ")")
                    .append("</td><td>")
                    .append(f(p.processP95(), 1))
                    .append("</td><td>")
                    .append(f(p.coldRoundTripP50(), 1))
                    .append("</td><td>")
                    .append(p.priced() ? String.format(Locale.ROOT, "%.2f", p.usdPerMillion()) : "")
                    .append("</td><td>")
                    .append(
                            p.largestImage() == null
                                    ? ""
                                    : esc(p.largestImage().getKey())
                                            + ": "
                                            + f(p.largestImage().getValue(), 1))
                    .append("</td></tr>");
        }
        h.append(
                "</tbody></table><p class=\"note\">Each step's own report: its folder's"
                        + " report.html. Per image: sweep-images.csv.</p>");
        h.append("<h2>Charts</h2>");
        for (ChartSpec c : charts) {
            h.append(UplotChart.placeholder(c, pngs.get(c.name())));
        }
        h.append("<h2>How it ran</h2><dl>");
        new TreeMap<>(manifest)
                .forEach(
                        (k, v) ->
                                h.append("<dt>")
                                        .append(esc(k.toString()))
                                        .append("</dt><dd>")
                                        .append(esc(v.toString()))
                                        .append("</dd>"));
        h.append("</dl>").append(UplotChart.scripts(charts)).append("</body></html>\n");
        return h.toString();
    }

    private static String f(double v, int decimals) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
