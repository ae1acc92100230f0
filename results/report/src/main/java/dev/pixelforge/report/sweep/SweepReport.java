package dev.pixelforge.report.sweep;

import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.cost.CostEstimate;
import dev.pixelforge.report.format.ChartSpec;
import dev.pixelforge.report.format.PngChart;
import dev.pixelforge.report.summary.Distribution;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A sweep's own files, made from its folder alone: {@code sweep.properties} names the steps (one
 * run folder per target and size) in the order they ran; each step is summarised as the report
 * summarises a run, and {@code sweep.csv}, {@code sweep-images.csv}, {@code sweep.html} and {@code
 * charts/} are written beside them.
 */
public final class SweepReport {

    public static final String MANIFEST = RunLayout.SWEEP_PROPERTIES;

    private SweepReport() {}

    /** The sweep's points and each target's choices, as written. */
    public record Result(List<SizePoint> points, Map<String, List<SizeChoice>> choices) {

        /** Each dilated size whose figures may flatter it ({@link SizePoint#dilationCaveat()}). */
        public List<String> caveats() {
            return points.stream().map(SizePoint::dilationCaveat).filter(Objects::nonNull).toList();
        }
    }

    /** Writes the sweep's files into {@code sweepDir} and returns what they hold. */
    public static Result write(Path sweepDir) throws IOException {
        Properties manifest = new Properties();
        try (Reader in = Files.newBufferedReader(sweepDir.resolve(MANIFEST))) {
            manifest.load(in);
        }
        double weight = Double.parseDouble(manifest.getProperty("balanced-weight", "0.5"));
        List<SizePoint> points = new ArrayList<>();
        for (String step : manifest.getProperty("steps", "").split(",")) {
            if (!step.isBlank()
                    && Files.exists(sweepDir.resolve(step.trim()).resolve(RunLayout.SAMPLES))) {
                points.add(
                        point(
                                sweepDir.resolve(step.trim()),
                                manifest.getProperty(
                                        "step." + step.trim() + ".size", step.trim())));
            }
        }
        Map<String, List<SizeChoice>> choices = new LinkedHashMap<>();
        SweepCharts.byTarget(points)
                .forEach(
                        (target, sizes) ->
                                choices.put(
                                        target,
                                        List.of(
                                                SizeChoice.of(sizes, Strategy.COST, weight),
                                                SizeChoice.of(sizes, Strategy.SPEED, weight),
                                                SizeChoice.of(sizes, Strategy.BALANCED, weight))));
        Files.writeString(sweepDir.resolve(RunLayout.SWEEP_CSV), SweepCsv.render(points));
        Files.writeString(sweepDir.resolve(RunLayout.SWEEP_IMAGES_CSV), SweepCsv.images(points));
        List<ChartSpec> charts = SweepCharts.all(points);
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        Path chartDir = Files.createDirectories(sweepDir.resolve(RunLayout.CHARTS));
        for (ChartSpec c : charts) {
            byte[] png = PngChart.draw(c);
            pngs.put(c.name(), png);
            Files.write(chartDir.resolve(c.name() + ".png"), png);
        }
        try (Writer w = Files.newBufferedWriter(sweepDir.resolve(RunLayout.SWEEP_HTML))) {
            w.write(
                    SweepHtml.render(
                            sweepDir.getFileName().toString(),
                            manifest,
                            points,
                            choices,
                            charts,
                            pngs));
        }
        return new Result(points, choices);
    }

    /**
     * One step: its one target's summary, cloud-equivalent, and the size its run.properties
     * recorded.
     */
    static SizePoint point(Path stepDir, String size) throws IOException {
        RunSummary run = ReportWriter.summarize(stepDir);
        if (run.targets().size() != 1) {
            throw new IOException(
                    stepDir
                            + ": a sweep step holds one target, this one has "
                            + run.targets().size());
        }
        TargetSummary t = run.targets().get(0);
        Properties about = new Properties();
        try (Reader in = Files.newBufferedReader(stepDir.resolve(RunLayout.RUN_PROPERTIES))) {
            about.load(in);
        }
        double k = run.dilation(t.target());
        Map<String, Double> images = new LinkedHashMap<>();
        t.byImage().values().forEach(i -> images.put(i.image(), ms(i.process().p50(), k)));
        double usd =
                run.costs().stream()
                        .filter(c -> c.target().equals(t.target()))
                        .mapToDouble(CostEstimate::perMillionUsd)
                        .findFirst()
                        .orElse(Double.NaN);
        Distribution process = t.process();
        return new SizePoint(
                t.target(),
                size,
                measured(about),
                Double.parseDouble(about.getProperty(RunManifest.CPUS + t.target(), "NaN")),
                Integer.parseInt(about.getProperty(RunManifest.MEMORY_MB + t.target(), "0")),
                k,
                t.samples(),
                t.goodputRps() * k,
                ms(t.cloudRoundTrip().p50(), 1),
                ms(t.cloudRoundTrip().p95(), 1),
                ms(process.p50(), k),
                process.p50Interval() == null
                        ? null
                        : new double[] {
                            ms(process.p50Interval()[0], k), ms(process.p50Interval()[1], k)
                        },
                ms(process.p95(), k),
                ms(t.coldRoundTrip().p50(), k),
                usd,
                images);
    }

    /** How a step's run folder was made, from its run.properties. */
    static String measured(Properties about) {
        if (about.getProperty(RunManifest.SIMULATED) != null) {
            return SizePoint.SIMULATED;
        }
        return about.getProperty(RunManifest.TARGETS, "").startsWith("deployed")
                ? SizePoint.DEPLOYED
                : SizePoint.EMULATED;
    }

    /**
     * Microseconds of a run dilated k times as cloud-equivalent milliseconds; NaN for a
     * distribution with no values (-1).
     */
    private static double ms(long micros, double k) {
        return micros < 0 ? Double.NaN : micros / k / 1000.0;
    }
}
