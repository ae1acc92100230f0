package dev.pixelforge.report.format;

import java.util.List;

/**
 * One chart, described once as data and drawn twice: to PNG by {@link PngChart} (for {@code
 * charts/} and {@code summary.md}) and interactively by {@link UplotChart} (for {@code
 * report.html}). A new chart is one of these; neither renderer needs to change.
 *
 * @param name the file name without {@code .png}, and the chart's id in the HTML
 * @param title shown above the chart
 * @param xLabel x axis title, units included
 * @param yLabel y axis title, units included
 * @param xLog logarithmic x axis (values must be positive)
 * @param yLog logarithmic y axis (values must be positive)
 * @param timeAxis x is seconds of the run: the interactive chart zooms on it
 * @param categories non-empty for a bar chart: x values are indices into it
 * @param series drawn in this order
 * @param summary one sentence saying what the chart shows (image alt text, figure caption)
 */
public record ChartSpec(
        String name,
        String title,
        String xLabel,
        String yLabel,
        boolean xLog,
        boolean yLog,
        boolean timeAxis,
        List<String> categories,
        List<Series> series,
        String summary) {

    public ChartSpec {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
    }

    public boolean bars() {
        return !categories.isEmpty();
    }

    /** How a series is drawn; both renderers map each one to their own means. */
    public enum Style {
        LINE,
        DASHED_LINE,
        LINE_WITH_POINTS,
        POINTS,
        BAR
    }

    /**
     * One series: its own x values (series of a chart need not share them), y values of the same
     * length, and a colour as {@code #RRGGBB} so that both renderers use the same one.
     */
    public record Series(String name, String colour, double[] x, double[] y, Style style) {

        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        name + ": " + x.length + " x values but " + y.length + " y values");
            }
            x = x.clone();
            y = y.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }
    }
}
