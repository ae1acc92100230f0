package dev.pixelforge.report.format;

import java.util.Locale;

/**
 * Number formatting shared by the text reports: milliseconds from microseconds, rates, percentages.
 */
final class Units {

    private Units() {}

    static String ms(double micros) {
        if (Double.isNaN(micros) || micros < 0) {
            return "-";
        }
        double ms = micros / 1000.0;
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f" : ms >= 10 ? "%.1f" : "%.2f", ms);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.2f", perSecond);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    static String mb(long kb) {
        return kb < 0 ? "-" : String.format(Locale.ROOT, "%.0f", kb / 1024.0);
    }

    static String seconds(long millis) {
        return millis < 0 ? "-" : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    /** Seconds to one decimal: "42.5". */
    static String secondsOf(double seconds) {
        return Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.1f", seconds);
    }
}
