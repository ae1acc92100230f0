package dev.pixelforge.report.sweep;

import dev.pixelforge.report.format.ChartSpec;
import dev.pixelforge.report.format.ChartSpec.Series;
import dev.pixelforge.report.format.ChartSpec.Style;
import dev.pixelforge.report.format.Charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sweep's charts, as data: drawn to PNG and uPlot by the report's own renderers. */
final class SweepCharts {

    /**
     * Okabe-Ito again, for the sizes of one target (its own colour is the across-targets chart's).
     */
    private static final String[] SIZE_COLOURS = {
        "#56B4E9", "#E69F00", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#000000"
    };

    private SweepCharts() {}

    static List<ChartSpec> all(List<SizePoint> points) {
        Map<String, List<SizePoint>> byTarget = byTarget(points);
        List<ChartSpec> charts = new ArrayList<>();
        byTarget.forEach((target, sizes) -> charts.add(costAgainstTime(target, sizes)));
        charts.add(acrossTargets(byTarget));
        charts.add(processByVcpu(byTarget));
        return charts;
    }

    static Map<String, List<SizePoint>> byTarget(List<SizePoint> points) {
        Map<String, List<SizePoint>> byTarget = new LinkedHashMap<>();
        points.forEach(p -> byTarget.computeIfAbsent(p.target(), t -> new ArrayList<>()).add(p));
        return byTarget;
    }

    /**
     * Power tuning's two figures for one target, cost and time: each size a point, its median
     * process time against its cost per million (power tuning draws both over the memory sizes on
     * two y axes; a ChartSpec has one).
     */
    private static ChartSpec costAgainstTime(String target, List<SizePoint> sizes) {
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            SizePoint s = sizes.get(i);
            series.add(
                    new Series(
                            s.size(),
                            SIZE_COLOURS[i % SIZE_COLOURS.length],
                            new double[] {s.processP50()},
                            new double[] {s.priced() ? s.usdPerMillion() : 0},
                            Style.POINTS));
        }
        return new ChartSpec(
                "sweep-" + target,
                target + ": cost against time, per size",
                "process p50, cloud-equivalent (ms)",
                "USD per million requests",
                false,
                false,
                false,
                List.of(),
                series,
                target
                        + ": each size's median process time against its cost per million requests"
                        + " ("
                        + String.join(", ", sizes.stream().map(SizePoint::size).toList())
                        + ")");
    }

    /** The three targets on one chart: a line per target through its sizes, in the order swept. */
    private static ChartSpec acrossTargets(Map<String, List<SizePoint>> byTarget) {
        List<Series> series = new ArrayList<>();
        byTarget.forEach(
                (target, sizes) ->
                        series.add(
                                new Series(
                                        target,
                                        Charts.colour(target),
                                        sizes.stream().mapToDouble(SizePoint::processP50).toArray(),
                                        sizes.stream()
                                                .mapToDouble(
                                                        s -> s.priced() ? s.usdPerMillion() : 0)
                                                .toArray(),
                                        Style.LINE_WITH_POINTS)));
        return new ChartSpec(
                "sweep-targets",
                "Cost against time, every target and size",
                "process p50, cloud-equivalent (ms)",
                "USD per million requests",
                false,
                false,
                false,
                List.of(),
                series,
                "Each target's sizes as a line from the first size swept to the last: down and left"
                        + " is cheaper and faster");
    }

    /**
     * What the CPU share buys: the largest image's median process time (the most CPU-bound request)
     * against each size's vCPU.
     */
    private static ChartSpec processByVcpu(Map<String, List<SizePoint>> byTarget) {
        List<Series> series = new ArrayList<>();
        String image = "";
        for (Map.Entry<String, List<SizePoint>> e : byTarget.entrySet()) {
            List<SizePoint> sized =
                    e.getValue().stream().filter(s -> s.largestImage() != null).toList();
            if (!sized.isEmpty()) {
                image = sized.get(0).largestImage().getKey();
            }
            series.add(
                    new Series(
                            e.getKey(),
                            Charts.colour(e.getKey()),
                            sized.stream().mapToDouble(SizePoint::vcpus).toArray(),
                            sized.stream().mapToDouble(s -> s.largestImage().getValue()).toArray(),
                            Style.LINE_WITH_POINTS));
        }
        return new ChartSpec(
                "sweep-vcpu",
                "The largest image's process time against CPU share",
                "vCPU per instance",
                image + " process p50 (ms)",
                false,
                false,
                false,
                List.of(),
                series,
                "Median process time of the largest image sent ("
                        + image
                        + ", the most CPU-bound request), cloud-equivalent, at each size's CPU"
                        + " share, per target");
    }
}
