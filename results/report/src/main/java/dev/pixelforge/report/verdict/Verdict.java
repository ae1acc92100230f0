package dev.pixelforge.report.verdict;

import dev.pixelforge.report.cost.CostEstimate;
import dev.pixelforge.report.summary.Distribution;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The answer to each of the studies' questions, first in every report: which target did better, by
 * how much, and whether the difference is more than noise. Where the data cannot carry a verdict
 * (too few samples, one target, nothing measured) it gives the reason instead of a winner.
 *
 * <p>Each finding compares the best target with the runner-up, in cloud-equivalent figures on a
 * dilated run. Significance is at 95%: latency quantiles by the order-statistic intervals of {@link
 * Distribution}, availability by Wilson score intervals, goodput by an interval around it as wide
 * as that of the mean of the per-second success counts; a difference is significant when the two
 * intervals do not overlap (conservative: both hold together at least 90% of the time). CPU, memory
 * and cost are one total per target, with no interval: their findings say so.
 */
public record Verdict(List<Finding> findings) {

    /** Cold starts needed for a cold-start verdict: fewer are anecdotes. */
    public static final int FEW_COLD_STARTS = 10;

    /**
     * Seconds of per-second success counts a goodput interval needs: fewer, and the normal
     * approximation is not sound.
     */
    static final int MIN_SECONDS = 30;

    /** Below this availability a target's latency verdict says that it is of the few it served. */
    static final double LOW_AVAILABILITY = 0.95;

    /**
     * @param better the target that did better, or "no verdict"
     * @param margin by how much, against the runner-up; or the reason there is no verdict
     * @param significance "significant", "not significant", or why it cannot be said
     */
    public record Finding(String question, String better, String margin, String significance) {
        static Finding none(String question, String reason) {
            return new Finding(question, "no verdict", reason, "-");
        }
    }

    /**
     * A target's figure with its 95% interval (null when there is none), lower or higher being
     * better.
     */
    private record Figure(String target, double value, double[] interval) {}

    public static Verdict of(RunSummary run) {
        List<Finding> out = new ArrayList<>();
        out.add(latency(run, "latency p50 (" + run.roundTripName() + ")", 0.50));
        out.add(latency(run, "latency p99 (" + run.roundTripName() + ")", 0.99));
        out.add(coldStartPenalty(run));
        out.add(availability(run));
        out.add(throughput(run));
        out.add(
                total(
                        run,
                        "CPU time per success",
                        t ->
                                t.resources().known() && t.successes() > 0
                                        ? t.resources().cpuMillis() / (double) t.successes()
                                        : Double.NaN,
                        "ms"));
        out.add(memoryBilled(run));
        out.add(cost(run));
        return new Verdict(List.copyOf(out));
    }

    private static Finding latency(RunSummary run, String question, double p) {
        List<Figure> figures = new ArrayList<>();
        for (TargetSummary t : run.targets()) {
            long[] sorted = t.roundTripSorted();
            if (sorted.length > 0) {
                double k = run.dilation(t.target());
                long[] i = Distribution.interval(sorted, p);
                figures.add(
                        new Figure(
                                t.target(),
                                Distribution.percentile(sorted, p * 100) / k / 1000.0,
                                i == null
                                        ? null
                                        : new double[] {i[0] / k / 1000.0, i[1] / k / 1000.0}));
            }
        }
        if (figures.size() < 2) {
            return Finding.none(question, "fewer than two targets with successful requests");
        }
        List<String> tooFew =
                figures.stream()
                        .filter(f -> f.interval() == null)
                        .map(Figure::target)
                        .toList(); // in run order
        if (!tooFew.isEmpty()) {
            return Finding.none(
                    question,
                    "too few successes for a 95% interval on " + String.join(", ", tooFew));
        }
        figures.sort(Comparator.comparingDouble(Figure::value));
        return compare(
                question,
                figures,
                (best, next) ->
                        String.format(
                                Locale.ROOT,
                                "%s ms lower than %s (%s vs %s ms)%s",
                                number(next.value() - best.value()),
                                next.target(),
                                number(best.value()),
                                number(next.value()),
                                refused(run, best.target())));
    }

    /**
     * Latency is of successes: a target that refused most of its requests may win it on the few it
     * served. Said beside the figure, so that the fastest answer is not read as the best service.
     */
    private static String refused(RunSummary run, String target) {
        TargetSummary t =
                run.targets().stream()
                        .filter(x -> x.target().equals(target))
                        .findFirst()
                        .orElseThrow();
        return t.availability() >= LOW_AVAILABILITY
                ? ""
                : String.format(
                        Locale.ROOT,
                        "; of its successes only: %s answered %.2f%% of its requests",
                        target,
                        t.availability() * 100);
    }

    /** Cold round trip p50 minus the target's p50: what a cold start adds to a request. */
    private static Finding coldStartPenalty(RunSummary run) {
        String question = "cold-start penalty (cold p50 - p50)";
        List<Figure> figures = new ArrayList<>();
        List<String> few = new ArrayList<>();
        for (TargetSummary t : run.targets()) {
            if (t.coldStarts() < FEW_COLD_STARTS) {
                few.add(t.target() + " " + t.coldStarts());
                continue;
            }
            double k = run.dilation(t.target());
            Distribution cold = t.coldRoundTrip();
            Distribution all = t.roundTrip();
            long[] penalty =
                    all.p50Difference(cold); // cold's median minus all's, both intervals holding
            double[] interval =
                    penalty == null
                            ? null
                            : new double[] {penalty[0] / k / 1000.0, penalty[1] / k / 1000.0};
            figures.add(new Figure(t.target(), (cold.p50() - all.p50()) / k / 1000.0, interval));
        }
        if (figures.size() < 2) {
            return Finding.none(
                    question,
                    "too few cold starts ("
                            + String.join(", ", few)
                            + "; "
                            + FEW_COLD_STARTS
                            + " needed on two targets)");
        }
        if (figures.stream().anyMatch(f -> f.interval() == null)) {
            return Finding.none(question, "too few cold starts for a 95% interval");
        }
        figures.sort(Comparator.comparingDouble(Figure::value));
        return compare(
                question,
                figures,
                (best, next) ->
                        String.format(
                                Locale.ROOT,
                                "%s ms less than %s (+%s vs +%s ms)",
                                number(next.value() - best.value()),
                                next.target(),
                                number(best.value()),
                                number(next.value())));
    }

    private static Finding availability(RunSummary run) {
        List<Figure> figures =
                run.targets().stream()
                        .filter(t -> t.samples() > 0)
                        .map(
                                t ->
                                        new Figure(
                                                t.target(),
                                                t.availability(),
                                                wilson(t.successes(), t.samples())))
                        .toList();
        if (figures.size() < 2) {
            return Finding.none("availability under load", "fewer than two targets with requests");
        }
        List<Figure> sorted = new ArrayList<>(figures);
        sorted.sort(Comparator.comparingDouble(Figure::value).reversed());
        return compare(
                "availability under load",
                sorted,
                (best, next) ->
                        String.format(
                                Locale.ROOT,
                                "%.2f percentage points above %s (%.2f%% vs %.2f%%)",
                                (best.value() - next.value()) * 100,
                                next.target(),
                                best.value() * 100,
                                next.value() * 100));
    }

    /**
     * Goodput, cloud-equivalent, with the interval of the mean of its per-second success counts.
     */
    private static Finding throughput(RunSummary run) {
        String question = "throughput (goodput, successes/s)";
        List<Figure> figures = new ArrayList<>();
        for (TargetSummary t : run.targets()) {
            int n = t.perSecond().size();
            if (n < MIN_SECONDS) {
                continue;
            }
            double k = run.dilation(t.target());
            double mean =
                    t.perSecond().stream()
                            .mapToLong(TargetSummary.Second::successes)
                            .average()
                            .orElse(0);
            double var =
                    t.perSecond().stream()
                                    .mapToDouble(
                                            s -> (s.successes() - mean) * (s.successes() - mean))
                                    .sum()
                            / (n - 1);
            double half = 1.96 * Math.sqrt(var / n);
            // Around goodput (successes over the window), as wide as the mean per-second count's
            // interval.
            double goodput = t.goodputRps() * k;
            figures.add(
                    new Figure(
                            t.target(),
                            goodput,
                            new double[] {goodput - half * k, goodput + half * k}));
        }
        if (figures.size() < 2) {
            return Finding.none(
                    question,
                    "fewer than two targets ran "
                            + MIN_SECONDS
                            + " seconds or more (too few per-second"
                            + " counts for an interval)");
        }
        figures.sort(Comparator.comparingDouble(Figure::value).reversed());
        return compare(
                question,
                figures,
                (best, next) ->
                        String.format(
                                Locale.ROOT,
                                "%s the rate of %s (%s vs %s/s)",
                                ratio(best.value(), next.value()),
                                next.target(),
                                number(best.value()),
                                number(next.value())));
    }

    /**
     * A figure measured once per target (a total over the run): the lower wins, with no interval to
     * test.
     */
    private static Finding total(
            RunSummary run, String question, Function<TargetSummary, Double> figure, String unit) {
        List<Figure> figures = new ArrayList<>();
        run.targets()
                .forEach(
                        t -> {
                            double v = figure.apply(t);
                            if (!Double.isNaN(v)) {
                                figures.add(new Figure(t.target(), v, null));
                            }
                        });
        if (figures.size() < 2) {
            return Finding.none(
                    question,
                    "measured on fewer than two targets (the stand-ins measure it; a deployed run"
                            + " does not)");
        }
        figures.sort(Comparator.comparingDouble(Figure::value));
        Figure best = figures.get(0);
        Figure next = figures.get(1);
        return new Finding(
                question,
                best.target(),
                String.format(
                        Locale.ROOT,
                        "%s uses %s as much (%s vs %s %s)",
                        next.target(),
                        ratio(next.value(), best.value()),
                        number(best.value()),
                        number(next.value()),
                        unit),
                "one total per target: no interval");
    }

    /**
     * Memory as each platform bills it: the configured size, whatever the process used. No winner:
     * a few per cent of one instance's peak RSS is no reason to choose a platform.
     */
    private static Finding memoryBilled(RunSummary run) {
        String question = "memory billed (configured size)";
        if (run.costs().isEmpty()) {
            return Finding.none(question, "no configured sizes (no price list in the run folder)");
        }
        String sizes =
                String.join(
                        ", ",
                        run.costs().stream()
                                .map(c -> c.target() + " " + c.memoryMb() + " MB")
                                .toList());
        return new Finding(question, "no winner", sizes, "configured, not measured");
    }

    private static Finding cost(RunSummary run) {
        String question = "cost per million requests";
        if (run.costs().size() < 2) {
            return Finding.none(
                    question,
                    "priced on fewer than two targets (no pricing.properties, or no process"
                            + " times)");
        }
        List<CostEstimate> sorted = new ArrayList<>(run.costs());
        sorted.sort(Comparator.comparingDouble(CostEstimate::perMillionUsd));
        CostEstimate best = sorted.get(0);
        CostEstimate next = sorted.get(1);
        return new Finding(
                question,
                best.target(),
                String.format(
                        Locale.ROOT,
                        "%s costs %s as much ($%.2f vs $%.2f)",
                        next.target(),
                        ratio(next.perMillionUsd(), best.perMillionUsd()),
                        best.perMillionUsd(),
                        next.perMillionUsd()),
                "from mean billed time and the prices of " + run.pricesAsOf() + ": no interval");
    }

    /**
     * {@code ranked}: best first. The winners are the best and every target whose interval overlaps
     * the best's (tied with it); the margin and the significance are the best's against the first
     * target outside that group. When every target overlaps the best, no target is named.
     */
    private static Finding compare(
            String question, List<Figure> ranked, BiFunction<Figure, Figure, String> margin) {
        Figure best = ranked.get(0);
        List<Figure> tied =
                ranked.stream().filter(f -> overlap(best.interval(), f.interval())).toList();
        if (tied.size() == ranked.size()) {
            Figure next = ranked.get(1);
            return new Finding(
                    question,
                    "no significant difference",
                    margin.apply(best, next),
                    "not significant (" + intervals(best, next) + " overlap)");
        }
        // The first not tied with the best: tied ones need not be next to each other in the
        // ranking.
        Figure next = ranked.stream().filter(f -> !tied.contains(f)).findFirst().orElseThrow();
        String better =
                String.join(" and ", tied.stream().map(Figure::target).toList())
                        + (tied.size() > 1 ? " (tied)" : "");
        return new Finding(
                question,
                better,
                margin.apply(best, next),
                "significant (" + intervals(best, next) + " do not overlap)");
    }

    private static boolean overlap(double[] a, double[] b) {
        return a[0] <= b[1] && b[0] <= a[1];
    }

    private static String intervals(Figure a, Figure b) {
        return String.format(
                Locale.ROOT,
                "95%% intervals %s [%s, %s], %s [%s, %s]",
                a.target(),
                number(a.interval()[0]),
                number(a.interval()[1]),
                b.target(),
                number(b.interval()[0]),
                number(b.interval()[1]));
    }

    /**
     * Wilson score interval of a proportion at 95%: sound near 0 and 1, where availability lives.
     */
    static double[] wilson(long successes, long n) {
        double z = 1.96;
        double p = successes / (double) n;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        return new double[] {centre - half, centre + half};
    }

    private static String ratio(double larger, double smaller) {
        return smaller <= 0 ? "infinitely" : String.format(Locale.ROOT, "%.2fx", larger / smaller);
    }

    private static String number(double v) {
        double a = Math.abs(v);
        return String.format(
                Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }
}
