package dev.pixelforge.report;

import dev.pixelforge.report.summary.Summarizer;
import dev.pixelforge.report.summary.TargetSummary;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.format.HtmlReport;
import dev.pixelforge.report.format.MarkdownSummary;
import dev.pixelforge.report.format.CsvSummary;
import dev.pixelforge.report.format.SebsResultCsv;
import dev.pixelforge.report.format.SummaryTable;

import dev.pixelforge.report.cloud.CloudMetric;
import dev.pixelforge.report.cloud.CloudMetricsReader;
import dev.pixelforge.report.cost.CostEstimate;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.sample.InstanceLog;
import dev.pixelforge.platform.sample.SampleLog;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Makes every report file of a run from what the run recorded, and nothing else: {@code samples.csv},
 * {@code instances.csv} and {@code run.properties} in, {@code report.html}, {@code summary.md},
 * {@code summary.csv}, {@code result.csv} and {@code charts/} out. Run it again at any time.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** Writes the report of the run in {@code runDir} and returns its summary. */
    public static RunSummary write(Path runDir) throws IOException {
        Path samples = runDir.resolve("samples.csv");
        if (!Files.exists(samples)) {
            throw new IOException(runDir + " has no samples.csv: is it a PixelForge run folder?");
        }
        Properties about = new Properties();
        Path runProperties = runDir.resolve("run.properties");
        if (Files.exists(runProperties)) {
            try (Reader in = Files.newBufferedReader(runProperties)) {
                about.load(in);
            }
        }
        Summarizer summarizer = new Summarizer(resources(InstanceLog.read(runDir.resolve("instances.csv"))));
        try (SebsResultCsv sebs = new SebsResultCsv(runDir.resolve("result.csv"))) {
            SampleLog.read(samples, s -> {
                summarizer.accept(s);
                sebs.accept(s);
            });
        }
        RunSummary run = withPlatformData(summarizer.summary(runDir.getFileName().toString(), about.getProperty("profile", "?")), runDir, about);
        Map<String, byte[]> charts = HtmlReport.charts(run);
        Path chartDir = Files.createDirectories(runDir.resolve("charts"));
        for (Map.Entry<String, byte[]> c : charts.entrySet()) {
            Files.write(chartDir.resolve(c.getKey()), c.getValue());
        }
        Map<String, String> shown = new LinkedHashMap<>();
        new TreeMap<>(about).forEach((k, v) -> shown.put(k.toString(), v.toString()));
        Files.writeString(runDir.resolve("report.html"), HtmlReport.render(run, shown, charts));
        Files.writeString(runDir.resolve("summary.md"), MarkdownSummary.render(run));
        Files.writeString(runDir.resolve("summary.csv"), CsvSummary.render(run));
        return run;
    }

    /** Adds what the platforms reported (cloud/) and, when the run kept its unit prices, the cost estimate. */
    private static RunSummary withPlatformData(RunSummary run, Path runDir, Properties about) throws IOException {
        List<CloudMetric> cloud = CloudMetricsReader.read(runDir.resolve("cloud"));
        Path pricing = runDir.resolve("pricing.properties");
        if (!Files.exists(pricing)) {
            return run.withPlatformData(cloud, List.of(), "");
        }
        Properties prices = new Properties();
        try (Reader in = Files.newBufferedReader(pricing)) {
            prices.load(in);
        }
        List<CostEstimate> costs = new java.util.ArrayList<>();
        for (TargetSummary t : run.targets()) {
            String memory = about.getProperty("memory-mb." + t.target());
            if (memory != null && t.process().count() > 0) {
                costs.add(CostEstimate.of(t.target(), t.process().mean(), Integer.parseInt(memory), Double.parseDouble(about.getProperty("cpus." + t.target(), "1")),
                        prices, cloud));
            }
        }
        return run.withPlatformData(cloud, costs, prices.getProperty("as-of", "?"));
    }

    /** The headline rows, side by side, in fixed-width columns. */
    public static String consoleTable(RunSummary run) {
        return MarkdownSummary.console(SummaryTable.of(run));
    }

    static Map<String, TargetSummary.Resources> resources(List<InstanceRecord> records) {
        Map<String, long[]> sums = new HashMap<>(); // instances, cpu, max rss, ready sum (us)
        for (InstanceRecord r : records) {
            long[] s = sums.computeIfAbsent(r.target().id(), k -> new long[4]);
            s[0]++;
            s[1] += r.cpuMillis();
            s[2] = Math.max(s[2], r.peakRssKb());
            s[3] += Math.round(Math.max(0, r.readyMillis()) * 1000);
        }
        Map<String, TargetSummary.Resources> out = new HashMap<>();
        sums.forEach((t, s) -> out.put(t, new TargetSummary.Resources((int) s[0], s[1], s[2], s[3] / 1000.0 / s[0])));
        return out;
    }
}
