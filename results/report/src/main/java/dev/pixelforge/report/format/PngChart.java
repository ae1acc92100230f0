package dev.pixelforge.report.format;

import dev.pixelforge.report.format.ChartSpec.Series;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Draws a {@link ChartSpec} headless to PNG with XChart: for {@code charts/}, {@code summary.md}
 * and readers without JavaScript.
 */
public final class PngChart {

    static final int WIDTH = 880;
    static final int HEIGHT = 360;

    private PngChart() {}

    public static byte[] draw(ChartSpec spec) throws IOException {
        return spec.bars() ? png(bars(spec)) : png(lines(spec));
    }

    private static XYChart lines(ChartSpec spec) {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(spec.title())
                        .xAxisTitle(spec.xLabel())
                        .yAxisTitle(spec.yLabel())
                        .build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisLogarithmic(spec.xLog());
        chart.getStyler().setYAxisLogarithmic(spec.yLog());
        for (Series s : spec.series()) {
            double[] x = s.x();
            double[] y = s.y();
            if (x.length == 0) {
                // XChart refuses an empty series; one point at the origin keeps the legend entry.
                x = new double[] {0};
                y = new double[] {0};
            }
            XYSeries series = chart.addSeries(s.name(), x, y);
            series.setLineColor(Color.decode(s.colour()));
            series.setMarker(
                    s.style() == ChartSpec.Style.LINE_WITH_POINTS
                            ? SeriesMarkers.CIRCLE
                            : s.style() == ChartSpec.Style.POINTS
                                    ? SeriesMarkers.DIAMOND
                                    : SeriesMarkers.NONE);
            if (s.style() == ChartSpec.Style.POINTS) {
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
            series.setMarkerColor(Color.decode(s.colour()));
            if (s.style() == ChartSpec.Style.DASHED_LINE) {
                series.setLineStyle(
                        new BasicStroke(
                                2f,
                                BasicStroke.CAP_BUTT,
                                BasicStroke.JOIN_MITER,
                                10f,
                                new float[] {6f, 4f},
                                0f));
            }
        }
        return chart;
    }

    private static CategoryChart bars(ChartSpec spec) {
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(spec.title())
                        .xAxisTitle(spec.xLabel())
                        .yAxisTitle(spec.yLabel())
                        .build();
        style(chart.getStyler());
        for (Series s : spec.series()) {
            // x holds indices into the categories: a bar chart's series cover every category in
            // order.
            List<String> names =
                    Arrays.stream(s.x()).mapToObj(i -> spec.categories().get((int) i)).toList();
            List<Double> values = Arrays.stream(s.y()).boxed().toList();
            chart.addSeries(s.name(), names, values).setFillColor(Color.decode(s.colour()));
        }
        return chart;
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setAntiAlias(true);
    }

    private static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
