package dev.pixelforge.report.format;

import dev.pixelforge.report.format.ChartSpec.Series;

import java.util.List;

/**
 * The charts as JSON for the page's script: written by hand because it is five field types, and
 * numbers must come out exactly as the summary holds them (integral values without a fraction).
 * Safe inside a {@code <script>} element: {@code <} never appears unescaped.
 */
final class ChartJson {

    private ChartJson() {}

    static String of(List<ChartSpec> charts) {
        StringBuilder j = new StringBuilder("[");
        for (int c = 0; c < charts.size(); c++) {
            ChartSpec spec = charts.get(c);
            j.append(c == 0 ? "" : ",")
                    .append("{\"name\":")
                    .append(text(spec.name()))
                    .append(",\"title\":")
                    .append(text(spec.title()))
                    .append(",\"xLabel\":")
                    .append(text(spec.xLabel()))
                    .append(",\"yLabel\":")
                    .append(text(spec.yLabel()))
                    .append(",\"xLog\":")
                    .append(spec.xLog())
                    .append(",\"yLog\":")
                    .append(spec.yLog())
                    .append(",\"timeAxis\":")
                    .append(spec.timeAxis())
                    .append(",\"categories\":[");
            for (int i = 0; i < spec.categories().size(); i++) {
                j.append(i == 0 ? "" : ",").append(text(spec.categories().get(i)));
            }
            j.append("],\"series\":[");
            for (int i = 0; i < spec.series().size(); i++) {
                Series s = spec.series().get(i);
                j.append(i == 0 ? "" : ",")
                        .append("{\"name\":")
                        .append(text(s.name()))
                        .append(",\"colour\":")
                        .append(text(s.colour()))
                        .append(",\"style\":")
                        .append(text(s.style().name()))
                        .append(",\"x\":")
                        .append(numbers(s.x()))
                        .append(",\"y\":")
                        .append(numbers(s.y()))
                        .append('}');
            }
            j.append("]}");
        }
        return j.append(']').toString();
    }

    static String numbers(double[] values) {
        StringBuilder j = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            j.append(i == 0 ? "" : ",").append(number(values[i]));
        }
        return j.append(']').toString();
    }

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null"; // JSON has no NaN; uPlot draws null as a gap
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v); // round-trips: JavaScript parses it to the same double
    }

    private static String text(String s) {
        StringBuilder j = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> j.append("\\\"");
                case '\\' -> j.append("\\\\");
                case '<' -> j.append("\\u003c");
                case '\n' -> j.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        j.append(String.format("\\u%04x", (int) ch));
                    } else {
                        j.append(ch);
                    }
                }
            }
        }
        return j.append('"').toString();
    }
}
