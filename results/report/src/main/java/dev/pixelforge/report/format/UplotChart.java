package dev.pixelforge.report.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Draws {@link ChartSpec}s interactively in {@code report.html} with uPlot (hover for values,
 * drag-zoom on time, double-click to reset), all inlined: the page stays one offline file. uPlot
 * comes from its WebJar on the classpath ({@code org.webjars.npm:uplot}).
 */
public final class UplotChart {

    static final String UPLOT_VERSION = "1.6.30";
    private static final String WEBJAR =
            "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";

    private UplotChart() {}

    /** uPlot's CSS, for the page's head. */
    public static String style() throws IOException {
        return "<style>" + resource(WEBJAR + "uPlot.min.css") + "</style>";
    }

    /**
     * The place of one chart. The PNG sits in {@code <noscript>}: a reader whose viewer blocks
     * scripts in local files (mail previews, locked-down browsers) still sees every chart, at the
     * cost of the PNGs' bytes in the file.
     */
    public static String placeholder(ChartSpec spec, byte[] png) {
        return "<figure class=\"pf-chart\"><div class=\"uplot-chart\" data-chart=\""
                + HtmlReport.esc(spec.name())
                + "\"></div>"
                + "<noscript><img alt=\""
                + HtmlReport.esc(spec.summary())
                + "\" width=\""
                + PngChart.WIDTH
                + "\" height=\""
                + PngChart.HEIGHT
                + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png)
                + "\"></noscript>"
                + "<figcaption class=\"note\">"
                + HtmlReport.esc(spec.summary())
                + ". Hover for values"
                + (spec.timeAxis()
                        ? "; drag to zoom on a stretch of time, double-click to zoom out"
                        : "")
                + ".</figcaption></figure>";
    }

    /** uPlot itself, the charts' data, and the script that draws them: for the end of the body. */
    public static String scripts(List<ChartSpec> charts) throws IOException {
        return "<script>"
                + resource(WEBJAR + "uPlot.iife.min.js")
                + "</script>"
                + "<script type=\"application/json\" id=\"pf-charts\">"
                + ChartJson.of(charts)
                + "</script>"
                + "<script>"
                + resource("uplot-charts.js")
                + "</script>";
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = UplotChart.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(
                        "no "
                                + name
                                + " on the classpath (the uPlot WebJar or the report jar is"
                                + " incomplete)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.contains("</script")) {
                throw new IOException(name + " holds </script and cannot be inlined as it is");
            }
            return text;
        }
    }
}
