package dev.pixelforge.report.format;

import dev.pixelforge.report.cost.BreakEven;
import dev.pixelforge.report.cost.MonthlyCost;
import dev.pixelforge.report.format.ChartSpec.Series;
import dev.pixelforge.report.format.ChartSpec.Style;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's charts as data, one method per chart, each over the summary alone. Drawing is {@link
 * PngChart}'s and {@link UplotChart}'s job: a new chart is one method here and one line in {@link
 * #all}.
 */
public final class Charts {

    /**
     * One colour per target, the same in every chart (Okabe-Ito, readable by colour-blind readers).
     */
    private static final Map<String, String> COLOURS =
            Map.of(
                    "aws-lambda", "#E69F00",
                    "gcp-function", "#0072B2",
                    "container", "#009E73");

    private static final String OTHER = "#CC79A7";
    private static final String SECONDS = "seconds since the target's first request";

    private Charts() {}

    /** Every chart of the report, in the order the report shows them. */
    public static List<ChartSpec> all(RunSummary run) {
        List<ChartSpec> all =
                new ArrayList<>(
                        List.of(
                                roundTripOverTime(run),
                                throughputOverTime(run),
                                roundTripCdf(run),
                                timesByImage(run),
                                coldStarts(run)));
        if (!run.monthly().isEmpty()) {
            all.add(monthlyCost(run));
        }
        return List.copyOf(all);
    }

    /**
     * A series measured in wall-clock time names the k it ran at, when not 1: its seconds are k
     * times the cloud's.
     */
    static String measuredAt(RunSummary run, TargetSummary t) {
        double k = run.dilation(t.target());
        return k == 1 ? t.target() : String.format(Locale.ROOT, "%s (k %.2f)", t.target(), k);
    }

    public static String colour(String target) {
        return COLOURS.getOrDefault(target, OTHER);
    }

    /** Points a time series keeps at most: a day-long simulation has 86,400 seconds. */
    static final int MOST_POINTS = 1000;

    /**
     * A stretch of equal seconds: its requests and throttles per second, and its successes' mean
     * round trip.
     */
    record Window(int second, double requests, double throttles, long successes, double meanRt) {}

    /**
     * {@code seconds} in windows of equal length, so that there are at most {@link #MOST_POINTS};
     * one window per second when there are few enough.
     */
    static List<Window> windows(List<TargetSummary.Second> seconds) {
        int w = Math.max(1, (seconds.size() + MOST_POINTS - 1) / MOST_POINTS);
        List<Window> out = new ArrayList<>();
        for (int from = 0; from < seconds.size(); from += w) {
            List<TargetSummary.Second> in =
                    seconds.subList(from, Math.min(seconds.size(), from + w));
            long successes = in.stream().mapToLong(TargetSummary.Second::successes).sum();
            double roundTrips =
                    in.stream().mapToDouble(x -> x.meanRoundTripMicros() * x.successes()).sum();
            out.add(
                    new Window(
                            in.get(0).second(),
                            in.stream().mapToLong(TargetSummary.Second::requests).sum()
                                    / (double) in.size(),
                            in.stream().mapToLong(TargetSummary.Second::throttles).sum()
                                    / (double) in.size(),
                            successes,
                            successes == 0 ? 0 : roundTrips / successes));
        }
        return out;
    }

    /** Mean round trip in each second of the run, per target. */
    static ChartSpec roundTripOverTime(RunSummary run) {
        List<Series> series = new ArrayList<>();
        for (TargetSummary t : run.targets()) {
            Points p = new Points();
            for (Window s : windows(t.perSecond())) {
                if (s.successes() > 0) {
                    p.add(s.second(), s.meanRt() / 1000.0);
                }
            }
            series.add(p.series(measuredAt(run, t), colour(t.target()), Style.LINE));
        }
        // Open loop: from the intended send time, the round trip every figure of the run shows, so
        // a growing queue shows here too.
        return new ChartSpec(
                "round-trip-over-time",
                "Round trip over time (mean per second)",
                SECONDS,
                run.roundTripName() + " (ms)",
                false,
                false,
                true,
                List.of(),
                series,
                "Mean round trip per second for each target");
    }

    /**
     * Requests and throttles in each second, per target: throughput as it happened, and what was
     * refused.
     */
    static ChartSpec throughputOverTime(RunSummary run) {
        List<Series> series = new ArrayList<>();
        for (TargetSummary t : run.targets()) {
            Points ok = new Points();
            Points throttled = new Points();
            for (Window s : windows(t.perSecond())) {
                ok.add(s.second(), s.requests());
                throttled.add(s.second(), s.throttles());
            }
            series.add(ok.series(measuredAt(run, t) + " requests", colour(t.target()), Style.LINE));
            if (t.throttles() > 0) {
                series.add(
                        throttled.series(
                                t.target() + " throttles", colour(t.target()), Style.DASHED_LINE));
            }
        }
        return new ChartSpec(
                "throughput-over-time",
                "Throughput and throttles over time",
                SECONDS,
                "requests per second",
                false,
                false,
                true,
                List.of(),
                series,
                "Requests and throttles per second for each target");
    }

    /**
     * The share of requests answered within each round trip: the whole distribution, tails
     * included.
     */
    static ChartSpec roundTripCdf(RunSummary run) {
        List<Series> series = new ArrayList<>();
        for (TargetSummary t : run.targets()) {
            long[] sorted = t.cloudRoundTripSorted();
            if (sorted.length == 0) {
                continue;
            }
            Points p = new Points();
            // At most 400 points: enough for the eye, and the tail's last value is always one of
            // them.
            int points = Math.min(sorted.length, 400);
            double k = run.dilation(t.target());
            for (int i = 1; i <= points; i++) {
                int idx = (int) Math.ceil(i * (double) sorted.length / points) - 1;
                p.add(Math.max(0.01, sorted[idx] / k / 1000.0), (idx + 1) / (double) sorted.length);
            }
            series.add(p.series(t.target(), colour(t.target()), Style.LINE));
        }
        // The first screen's latency chart: steady state only (the summary's timings are), in
        // cloud time.
        return new ChartSpec(
                "round-trip-cdf",
                "Steady-state round trip, cloud-equivalent (CDF)",
                run.roundTripName() + " (ms, log scale)",
                "share of requests at or below",
                true,
                false,
                false,
                List.of(),
                series,
                "Cumulative distribution of round trip for each target");
    }

    /**
     * Median round trip against image size (pixels), per target: how each platform scales with the
     * work.
     */
    static ChartSpec timesByImage(RunSummary run) {
        List<Series> series = new ArrayList<>();
        for (TargetSummary t : run.targets()) {
            Points p = new Points();
            for (TargetSummary.ImageTimes it : t.byImage().values()) {
                if (it.pixels() > 0 && it.roundTrip().count() > 0) {
                    p.add(it.pixels(), Math.max(0.01, it.roundTrip().p50() / 1000.0));
                }
            }
            if (!p.isEmpty()) {
                series.add(p.series(t.target(), colour(t.target()), Style.LINE_WITH_POINTS));
            }
        }
        return new ChartSpec(
                "round-trip-by-image",
                "Round trip by image size (median of successes)",
                "image size (pixels, log scale)",
                "round trip p50 (ms, log scale)",
                true,
                true,
                false,
                List.of(),
                series,
                "Median round trip per image for each target");
    }

    /**
     * Cold starts per target: how many, and the median round trip of a cold request next to a warm
     * one.
     */
    static ChartSpec coldStarts(RunSummary run) {
        List<String> targets =
                run.targets().stream()
                        .map(t -> t.target() + " (" + t.coldStarts() + " cold)")
                        .toList();
        List<Series> series = new ArrayList<>();
        if (!targets.isEmpty()) {
            Points cold = new Points();
            Points all = new Points();
            for (int i = 0; i < run.targets().size(); i++) {
                TargetSummary t = run.targets().get(i);
                cold.add(i, Math.max(0, t.coldRoundTrip().p50() / 1000.0));
                all.add(i, Math.max(0, t.roundTrip().p50() / 1000.0));
            }
            series.add(cold.series("cold", "#56B4E9", Style.BAR));
            series.add(all.series("all requests", "#999999", Style.BAR));
        }
        return new ChartSpec(
                "cold-starts",
                "Cold starts: median round trip of cold requests and of all requests",
                "target",
                "round trip p50 (ms)",
                false,
                false,
                false,
                targets,
                series,
                "Median round trip of cold requests and of all requests");
    }

    /**
     * Monthly cost against a steady request rate, per target (the lines of report.cost's
     * MonthlyCost), with the break-even rates marked where two lines cross.
     */
    static ChartSpec monthlyCost(RunSummary run) {
        List<Series> series = new ArrayList<>();
        double[] rates = MonthlyCost.logRates(BreakEven.FROM, BreakEven.TO, 61);
        for (MonthlyCost m : run.monthly()) {
            Points p = new Points();
            for (double r : rates) {
                p.add(r, Math.max(1e-6, m.at(r))); // a log axis cannot show 0
            }
            series.add(p.series(m.target(), colour(m.target()), Style.LINE));
        }
        Points marks = new Points();
        for (BreakEven b : run.breakEvens()) {
            if (b.crosses()) {
                marks.add(
                        b.requestsPerSecond(),
                        run.monthly().stream()
                                .filter(m -> m.target().equals(b.cheaperAbove()))
                                .findFirst()
                                .orElseThrow()
                                .at(b.requestsPerSecond()));
            }
        }
        if (!marks.isEmpty()) {
            series.add(marks.series("break-even", "#000000", Style.POINTS));
        }
        return new ChartSpec(
                "monthly-cost",
                "Monthly cost against traffic (30-day month)",
                "requests per second (log scale)",
                "USD a month (log scale)",
                true,
                true,
                false,
                List.of(),
                series,
                "Monthly cost against request rate for each target, break-even rates marked");
    }

    /** x and y values as they are found, then one {@link Series}. */
    private static final class Points {
        private final List<double[]> xy = new ArrayList<>();

        void add(double x, double y) {
            xy.add(new double[] {x, y});
        }

        boolean isEmpty() {
            return xy.isEmpty();
        }

        Series series(String name, String colour, Style style) {
            return new Series(
                    name,
                    colour,
                    xy.stream().mapToDouble(p -> p[0]).toArray(),
                    xy.stream().mapToDouble(p -> p[1]).toArray(),
                    style);
        }
    }
}
