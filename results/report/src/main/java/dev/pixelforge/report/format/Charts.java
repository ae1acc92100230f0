package dev.pixelforge.report.format;

import dev.pixelforge.report.summary.TargetSummary;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.cost.BreakEven;
import dev.pixelforge.report.cost.MonthlyCost;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn headless to PNG: one method per chart, each over the summary alone. */
final class Charts {

    private static final int WIDTH = 880;
    private static final int HEIGHT = 360;
    /** One colour per target, the same in every chart (Okabe-Ito, readable by colour-blind readers). */
    private static final Map<String, Color> COLOURS = Map.of(
            "aws-lambda", new Color(0xE6, 0x9F, 0x00),
            "gcp-function", new Color(0x00, 0x72, 0xB2),
            "container", new Color(0x00, 0x9E, 0x73));
    private static final Color OTHER = new Color(0xCC, 0x79, 0xA7);

    private Charts() {
    }

    static Color colour(String target) {
        return COLOURS.getOrDefault(target, OTHER);
    }

    /** Mean round trip in each second of the run, per target. */
    static byte[] roundTripOverTime(RunSummary run) throws IOException {
        XYChart chart = xy("Round trip over time (mean per second)", "seconds since the target's first request", "round trip (ms)");
        for (TargetSummary t : run.targets()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (TargetSummary.Second s : t.perSecond()) {
                if (s.requests() > 0) {
                    x.add((double) s.second());
                    y.add(s.meanRoundTripMicros() / 1000.0);
                }
            }
            line(chart, t.target(), x, y, false);
        }
        return png(chart);
    }

    /** Requests and throttles in each second, per target: throughput as it happened, and what was refused. */
    static byte[] throughputOverTime(RunSummary run) throws IOException {
        XYChart chart = xy("Throughput and throttles over time", "seconds since the target's first request", "requests per second");
        for (TargetSummary t : run.targets()) {
            List<Double> x = new ArrayList<>();
            List<Double> ok = new ArrayList<>();
            List<Double> throttled = new ArrayList<>();
            for (TargetSummary.Second s : t.perSecond()) {
                x.add((double) s.second());
                ok.add((double) s.requests());
                throttled.add((double) s.throttles());
            }
            line(chart, t.target() + " requests", x, ok, false).setLineColor(colour(t.target()));
            if (t.throttles() > 0) {
                line(chart, t.target() + " throttles", x, throttled, true).setLineColor(colour(t.target()));
            }
        }
        return png(chart);
    }

    /** The share of requests answered within each round trip: the whole distribution, tails included. */
    static byte[] roundTripCdf(RunSummary run) throws IOException {
        XYChart chart = xy("Round trip distribution (CDF)", "round trip (ms, log scale)", "share of requests at or below");
        chart.getStyler().setXAxisLogarithmic(true);
        for (TargetSummary t : run.targets()) {
            long[] sorted = t.roundTripSorted();
            if (sorted.length == 0) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            int points = Math.min(sorted.length, 400);
            for (int i = 1; i <= points; i++) {
                int idx = (int) Math.ceil(i * (double) sorted.length / points) - 1;
                x.add(Math.max(0.01, sorted[idx] / 1000.0));
                y.add((idx + 1) / (double) sorted.length);
            }
            line(chart, t.target(), x, y, false);
        }
        return png(chart);
    }

    /** Median round trip against image size (pixels), per target: how each platform scales with the work. */
    static byte[] timesByImage(RunSummary run) throws IOException {
        XYChart chart = xy("Round trip by image size (median of successes)", "image size (pixels, log scale)", "round trip p50 (ms, log scale)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        for (TargetSummary t : run.targets()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (TargetSummary.ImageTimes it : t.byImage().values()) {
                if (it.pixels() > 0 && it.roundTrip().count() > 0) {
                    x.add((double) it.pixels());
                    y.add(Math.max(0.01, it.roundTrip().p50() / 1000.0));
                }
            }
            if (!x.isEmpty()) {
                line(chart, t.target(), x, y, false).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return png(chart);
    }

    /** Cold starts per target: how many, and the median round trip of a cold request next to a warm one. */
    static byte[] coldStarts(RunSummary run) throws IOException {
        CategoryChart chart = category("Cold starts: median round trip of cold requests and of all requests", "target", "round trip p50 (ms)");
        List<String> targets = run.targets().stream().map(t -> t.target() + " (" + t.coldStarts() + " cold)").toList();
        if (targets.isEmpty()) {
            return png(chart);
        }
        chart.addSeries("cold", targets, run.targets().stream().map(t -> Math.max(0, t.coldRoundTrip().p50() / 1000.0)).toList())
                .setFillColor(new Color(0x56, 0xB4, 0xE9));
        chart.addSeries("all requests", targets, run.targets().stream().map(t -> Math.max(0, t.roundTrip().p50() / 1000.0)).toList())
                .setFillColor(new Color(0x99, 0x99, 0x99));
        return png(chart);
    }

    /**
     * Monthly cost against request rate, log-log, one line per target and a marker at each break-even.
     * The figures come from report.cost (MonthlyCost, BreakEven); this method only draws them.
     */
    static byte[] monthlyCost(RunSummary run) throws IOException {
        XYChart chart = xy("Monthly cost against traffic (30-day month)", "requests per second (log scale)", "USD a month (log scale)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        double[] rates = MonthlyCost.logRates(BreakEven.FROM, BreakEven.TO, 61);
        for (MonthlyCost m : run.monthly()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (double r : rates) {
                x.add(r);
                y.add(Math.max(1e-6, m.at(r))); // a log axis cannot show 0
            }
            line(chart, m.target(), x, y, false);
        }
        List<Double> bx = new ArrayList<>();
        List<Double> by = new ArrayList<>();
        for (BreakEven b : run.breakEvens()) {
            if (b.crosses()) {
                bx.add(b.requestsPerSecond());
                by.add(run.monthly().stream().filter(m -> m.target().equals(b.cheaperAbove())).findFirst().orElseThrow()
                        .at(b.requestsPerSecond()));
            }
        }
        if (!bx.isEmpty()) {
            XYSeries marks = chart.addSeries("break-even", bx, by);
            marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marks.setMarker(SeriesMarkers.DIAMOND);
            marks.setMarkerColor(Color.BLACK);
        }
        return png(chart);
    }

    private static XYChart xy(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return chart;
    }

    private static CategoryChart category(String title, String x, String y) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(chart.getStyler());
        return chart;
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setAntiAlias(true);
    }

    private static XYSeries line(XYChart chart, String name, List<Double> x, List<Double> y, boolean dashed) {
        if (x.isEmpty()) {
            x = List.of(0.0);
            y = List.of(0.0);
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        String target = name.split(" ")[0];
        series.setLineColor(colour(target));
        if (dashed) {
            series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        return series;
    }

    private static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
