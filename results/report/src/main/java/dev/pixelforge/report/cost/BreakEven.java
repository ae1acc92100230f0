package dev.pixelforge.report.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where two targets' monthly lines cross within a range of request rates: above that rate the one
 * whose cost grows more slowly is the cheaper. When they do not cross in the range, one is cheaper
 * throughout (or both cost the same).
 *
 * @param cheaperAbove the target cheaper above the crossing (or throughout, when none)
 * @param other the other target
 * @param requestsPerSecond the crossing, NaN when the lines do not cross within [from, to]
 */
public record BreakEven(
        String cheaperAbove, String other, double requestsPerSecond, double from, double to) {

    public static final double FROM = 1;
    public static final double TO = 1000;
    private static final List<String> ORDER = List.of("container", "gcp-function", "aws-lambda");

    public boolean crosses() {
        return !Double.isNaN(requestsPerSecond);
    }

    /**
     * Every pair of lines over [from, to], the container's pairs first: theirs is the question
     * users ask first.
     */
    public static List<BreakEven> all(List<MonthlyCost> lines, double from, double to) {
        List<MonthlyCost> ordered = new ArrayList<>(lines);
        ordered.sort(Comparator.comparingInt(l -> ORDER.indexOf(l.target())));
        List<BreakEven> out = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = i + 1; j < ordered.size(); j++) {
                out.add(between(ordered.get(i), ordered.get(j), from, to));
            }
        }
        return out;
    }

    static BreakEven between(MonthlyCost a, MonthlyCost b, double from, double to) {
        double slopes = a.slope() - b.slope();
        if (slopes != 0) {
            // a.fixed + a.slope x = b.fixed + b.slope x
            double x = (b.fixedUsdPerMonth() - a.fixedUsdPerMonth()) / slopes;
            if (x >= from && x <= to) {
                return slopes < 0
                        ? new BreakEven(a.target(), b.target(), x, from, to)
                        : new BreakEven(b.target(), a.target(), x, from, to);
            }
        }
        // No crossing in range: the one cheaper in the middle of the range is cheaper throughout.
        double mid = Math.sqrt(from * to);
        return a.at(mid) <= b.at(mid)
                ? new BreakEven(a.target(), b.target(), Double.NaN, from, to)
                : new BreakEven(b.target(), a.target(), Double.NaN, from, to);
    }

    /** The report's sentence, e.g. {@code container cheaper than aws-lambda above 3.21 req/s}. */
    public String sentence() {
        if (crosses()) {
            return cheaperAbove
                    + " cheaper than "
                    + other
                    + " above "
                    + rate(requestsPerSecond)
                    + " req/s";
        }
        return cheaperAbove
                + " and "
                + other
                + ": never between "
                + rate(from)
                + " and "
                + rate(to)
                + " req/s ("
                + cheaperAbove
                + " cheaper or equal throughout)";
    }

    /** Three significant figures, grouped: 3.21, 32.1, 1,000. */
    static String rate(double r) {
        BigDecimal rounded = new BigDecimal(r).round(new MathContext(3));
        return rounded.scale() > 0
                ? rounded.toPlainString()
                : String.format(Locale.ROOT, "%,d", rounded.longValue());
    }
}
