package dev.pixelforge.report.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A target's best size by one strategy, with the sizes that are within noise of it: for speed and
 * balanced, those whose 95% interval (of the median process time, or of the balanced value computed
 * from that interval's ends) overlaps the best's. Cost is one total per size, as in the report's
 * verdict: it has no interval, so only an equal cost ties.
 *
 * @param best null when no size can be ranked (no prices for cost or balanced, no samples)
 * @param withinNoise the other sizes the data cannot tell from the best, in the order they rank
 * @param why the figures behind the choice, in a sentence
 */
public record SizeChoice(
        Strategy strategy, double weight, SizePoint best, List<SizePoint> withinNoise, String why) {

    /**
     * Values closer than this are a tie: the balanced sum of two equal trade-offs differs only in
     * rounding.
     */
    static final double TIE = 1e-9;

    public SizeChoice {
        withinNoise = List.copyOf(withinNoise);
    }

    /**
     * Ranks {@code sizes} (one target's, in the order given) by {@code strategy}. Ties go as power
     * tuning breaks them: the same cost to the faster, the same speed to the cheaper; a balanced
     * tie to the faster, then the cheaper, so that weight 1 picks what cost picks and weight 0 what
     * speed picks; and then to the size given first.
     */
    public static SizeChoice of(List<SizePoint> sizes, Strategy strategy, double weight) {
        if (weight < 0 || weight > 1 || Double.isNaN(weight)) {
            throw new IllegalArgumentException(
                    "--balanced-weight is 0 (all speed) to 1 (all cost), was " + weight);
        }
        List<SizePoint> ranked =
                new ArrayList<>(
                        sizes.stream()
                                .filter(s -> s.processP50() >= 0 && !Double.isNaN(s.processP50()))
                                .filter(s -> strategy == Strategy.SPEED || s.priced())
                                .toList());
        if (ranked.isEmpty()) {
            return new SizeChoice(
                    strategy,
                    weight,
                    null,
                    List.of(),
                    strategy == Strategy.SPEED
                            ? "no size had a successful request"
                            : "no size was priced (no pricing.properties in its run folder)");
        }
        double maxCost = ranked.stream().mapToDouble(SizePoint::usdPerMillion).max().orElse(1);
        double maxP50 = ranked.stream().mapToDouble(SizePoint::processP50).max().orElse(1);
        Comparator<SizePoint> byCost = tieAware(SizePoint::usdPerMillion);
        Comparator<SizePoint> bySpeed = tieAware(SizePoint::processP50);
        Comparator<SizePoint> order =
                switch (strategy) {
                    case COST -> byCost.thenComparing(bySpeed);
                    case SPEED -> bySpeed.thenComparing(byCost);
                    case BALANCED ->
                            tieAware(
                                            (SizePoint s) ->
                                                    balanced(
                                                            s.usdPerMillion(),
                                                            s.processP50(),
                                                            weight,
                                                            maxCost,
                                                            maxP50))
                                    .thenComparing(bySpeed)
                                    .thenComparing(byCost);
                };
        ranked.sort(order); // stable: what is still tied stays in the order given
        SizePoint best = ranked.get(0);
        List<SizePoint> noise = new ArrayList<>();
        for (SizePoint other : ranked.subList(1, ranked.size())) {
            if (overlaps(strategy, best, other, weight, maxCost, maxP50)) {
                noise.add(other);
            }
        }
        SizePoint next = ranked.size() > 1 ? ranked.get(1) : null;
        return new SizeChoice(
                strategy,
                weight,
                best,
                noise,
                why(strategy, best, next, noise, weight, maxCost, maxP50));
    }

    /**
     * Power tuning's balanced value, to be minimised: weight x cost / max cost + (1 - weight) x
     * time / max time.
     */
    static double balanced(double cost, double p50, double weight, double maxCost, double maxP50) {
        return weight * cost / maxCost + (1 - weight) * p50 / maxP50;
    }

    private static Comparator<SizePoint> tieAware(ToDoubleFunction<SizePoint> value) {
        return (a, b) -> {
            double x = value.applyAsDouble(a);
            double y = value.applyAsDouble(b);
            return Math.abs(x - y) <= TIE * Math.max(1, Math.max(Math.abs(x), Math.abs(y)))
                    ? 0
                    : Double.compare(x, y);
        };
    }

    private static boolean overlaps(
            Strategy strategy,
            SizePoint best,
            SizePoint other,
            double weight,
            double maxCost,
            double maxP50) {
        if (strategy == Strategy.COST) {
            return tieAware(SizePoint::usdPerMillion).compare(best, other) == 0;
        }
        double[] a = best.processP50Interval();
        double[] b = other.processP50Interval();
        if (a == null || b == null) {
            return false; // no interval: the choice says so instead
        }
        if (strategy == Strategy.BALANCED) {
            a =
                    new double[] {
                        balanced(best.usdPerMillion(), a[0], weight, maxCost, maxP50),
                        balanced(best.usdPerMillion(), a[1], weight, maxCost, maxP50)
                    };
            b =
                    new double[] {
                        balanced(other.usdPerMillion(), b[0], weight, maxCost, maxP50),
                        balanced(other.usdPerMillion(), b[1], weight, maxCost, maxP50)
                    };
        }
        return a[0] <= b[1] && b[0] <= a[1];
    }

    /** {@code next}: the size ranked second, or null when the best is the only one. */
    private static String why(
            Strategy strategy,
            SizePoint best,
            SizePoint next,
            List<SizePoint> noise,
            double weight,
            double maxCost,
            double maxP50) {
        String figures =
                String.format(
                        Locale.ROOT,
                        "%s: $%.2f per million, process p50 %.1f ms",
                        best.size(),
                        best.usdPerMillion(),
                        best.processP50());
        if (strategy == Strategy.SPEED) {
            figures =
                    String.format(
                            Locale.ROOT, "%s: process p50 %.1f ms", best.size(), best.processP50());
        } else if (strategy == Strategy.BALANCED) {
            figures +=
                    String.format(
                            Locale.ROOT,
                            ", balanced value %.3f at weight %s",
                            balanced(
                                    best.usdPerMillion(),
                                    best.processP50(),
                                    weight,
                                    maxCost,
                                    maxP50),
                            trim(weight));
        }
        String noiseText;
        if (!noise.isEmpty()) {
            noiseText =
                    "; within noise of "
                            + String.join(", ", noise.stream().map(SizePoint::size).toList())
                            + (strategy == Strategy.COST
                                    ? " (the same cost)"
                                    : " (95% intervals overlap): the data cannot tell them apart");
        } else if (strategy == Strategy.COST) {
            noiseText = " (one total per size: no interval)";
        } else if (next == null) {
            noiseText = "; the only size ranked: nothing to compare it with";
        } else if (best.processP50Interval() == null) {
            noiseText = "; too few samples for an interval: whether it beats the next is not known";
        } else if (next.processP50Interval() == null) {
            noiseText =
                    "; "
                            + next.size()
                            + ", the next, has too few samples for an interval: whether it beats"
                            + " that one is not known";
        } else {
            noiseText = "; significantly better than the next (95% intervals apart)";
        }
        return figures + noiseText;
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
