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
 * <p>Every finding is drawn from the targets' steady states (the summary's phases); a target with
 * fewer than {@link #MIN_STEADY_CLOUD_SECONDS} steady cloud-seconds takes part in none, and each
 * finding says so. Each compares the best target with the runner-up, in cloud-equivalent figures on
 * a dilated run. Significance is at 95%, by intervals that hold for correlated samples ({@link
 * TimeBatches}: latency quantiles by sectioning, availability and goodput by batch means); a
 * difference is significant when the two intervals do not overlap (conservative: both hold together
 * at least 90% of the time). Cold starts are their own question, over the whole window. CPU and
 * memory are one total per target and name no winner; cost names one only beyond {@link
 * #COST_NOISE}.
 */
public record Verdict(List<Finding> findings) {

    /** Cold starts needed for a cold-start verdict: fewer are anecdotes. */
    public static final int FEW_COLD_STARTS = 10;

    /** Steady cloud-seconds a target needs to take part in a verdict. */
    public static final double MIN_STEADY_CLOUD_SECONDS = 30;

    /**
     * Cost differences below this share of the cheaper are within run-to-run noise: cost is one
     * estimate per run, with no interval of its own.
     */
    static final double COST_NOISE = 0.20;

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

    public static Verdict of(RunSummary all) {
        List<Finding> out = new ArrayList<>();
        String short_ = tooShort(all);
        if (!short_.isEmpty()) {
            out.add(Finding.none("steady state", short_));
        }
        RunSummary run = all.withTargets(steadyEnough(all));
        out.add(latency(run, "latency p50 (" + run.roundTripName() + ")", 0.50));
        out.add(latency(run, "latency p99 (" + run.roundTripName() + ")", 0.99));
        out.add(coldStartPenalty(run));
        out.add(availability(run));
        out.add(throughput(run));
        out.add(
                total(
                        run,
                        "CPU time per success (whole window)",
                        t ->
                                t.resources().known() && t.successes() > 0
                                        ? t.resources().cpuMillis() / (double) t.successes()
                                        : Double.NaN,
                        "ms"));
        out.add(memoryBilled(all));
        out.add(cost(run));
        return new Verdict(List.copyOf(out));
    }

    /** The targets with enough steady state for a verdict. */
    private static List<TargetSummary> steadyEnough(RunSummary run) {
        return run.targets().stream()
                .filter(t -> run.steadyCloudSeconds(t) >= MIN_STEADY_CLOUD_SECONDS)
                .toList();
    }

    /** Which targets take part in no verdict, and why; empty when all do. */
    private static String tooShort(RunSummary run) {
        List<String> out = new ArrayList<>();
        for (TargetSummary t : run.targets()) {
            double steady = run.steadyCloudSeconds(t);
            if (steady < MIN_STEADY_CLOUD_SECONDS) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "%s had %.1f steady cloud-seconds of %.1f",
                                t.target(),
                                steady,
                                run.cloudSeconds(t)));
            }
        }
        return out.isEmpty()
                ? ""
                : String.join("; ", out)
                        + String.format(
                                Locale.ROOT,
                                " (%.0f needed): left out of every verdict below; run longer"
                                        + " (--duration)",
                                MIN_STEADY_CLOUD_SECONDS);
    }

    private static Finding latency(RunSummary run, String question, double p) {
        List<Figure> figures = new ArrayList<>();
        for (TargetSummary t : run.targets()) {
            // In cloud time: process time over k, the undilated rest as measured.
            long[] sorted = t.cloudRoundTripSorted();
            if (sorted.length > 0) {
                double estimate = Distribution.percentile(sorted, p * 100);
                double[] i = t.batches().cloudQuantileInterval(p, estimate);
                figures.add(
                        new Figure(
                                t.target(),
                                estimate / 1000.0,
                                i == null ? null : new double[] {i[0] / 1000.0, i[1] / 1000.0}));
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
                    "too few successes in a tenth of the steady state for a 95% interval on "
                            + String.join(", ", tooFew));
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
                                                t.batches().availabilityInterval(t.availability())))
                        .toList();
        if (figures.size() < 2) {
            return Finding.none("availability under load", "fewer than two targets with requests");
        }
        if (figures.stream().anyMatch(f -> f.interval() == null)) {
            return Finding.none(
                    "availability under load", "a tenth of a steady state had no request");
        }
        List<Figure> sorted = new ArrayList<>(figures);
        sorted.sort(Comparator.comparingDouble(Figure::value).reversed());
        return compare(
                "availability under load",
                sorted,
                (best, next) ->
                        String.format(
                                Locale.ROOT,
                                "%.2f percentage points above %s (%.2f%% vs %.2f%%; refused %s)",
                                (best.value() - next.value()) * 100,
                                next.target(),
                                best.value() * 100,
                                next.value() * 100,
                                refusalRates(run)));
    }

    /** Steady-state goodput, cloud-equivalent, with the batch-means interval of its ten batches. */
    private static Finding throughput(RunSummary run) {
        String question = "throughput (goodput, successes/s)";
        List<Figure> figures = new ArrayList<>();
        for (TargetSummary t : run.targets()) {
            double k = run.dilation(t.target());
            double goodput = t.goodputRps() * k;
            double[] i = t.batches().goodputInterval(t.goodputRps(), t.phase().steadySeconds());
            if (i != null) {
                figures.add(new Figure(t.target(), goodput, new double[] {i[0] * k, i[1] * k}));
            }
        }
        if (figures.size() < 2) {
            return Finding.none(
                    question, "fewer than two targets with a steady state to cut into batches");
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
     * A figure measured once per target over its whole window (start-up included): shown side by
     * side, no winner named, since there is no interval to test and start-up is in it.
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
        return new Finding(
                question,
                "no winner",
                String.join(
                        ", ",
                        figures.stream()
                                .map(f -> f.target() + " " + number(f.value()) + " " + unit)
                                .toList()),
                "one total per target, start-up included: no interval");
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
        boolean withinNoise = next.perMillionUsd() < best.perMillionUsd() * (1 + COST_NOISE);
        return new Finding(
                question,
                withinNoise ? "no winner" : best.target(),
                String.format(
                        Locale.ROOT,
                        "%s costs %s as much ($%.2f vs $%.2f)",
                        next.target(),
                        ratio(next.perMillionUsd(), best.perMillionUsd()),
                        best.perMillionUsd(),
                        next.perMillionUsd()),
                (withinNoise
                                ? String.format(
                                        Locale.ROOT,
                                        "within %.0f%%, run-to-run noise; ",
                                        COST_NOISE * 100)
                                : "")
                        + "compute and requests, from steady-state billed time and the prices of "
                        + run.pricesAsOf()
                        + ": no interval");
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

    /** Each target's refusals per second (cloud-equivalent) at the rate it was offered. */
    private static String refusalRates(RunSummary run) {
        return String.join(
                ", ",
                run.targets().stream()
                        .map(
                                t -> {
                                    double k = run.dilation(t.target());
                                    double steady = Math.max(0.001, t.phase().steadySeconds());
                                    return String.format(
                                            Locale.ROOT,
                                            "%s %s/s of %s/s offered",
                                            t.target(),
                                            number(t.throttles() / steady * k),
                                            number(t.offeredRps() * k));
                                })
                        .toList());
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
