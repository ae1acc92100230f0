package dev.pixelforge.report;

import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.platform.sample.InstanceLog;
import dev.pixelforge.platform.sample.Sample;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.platform.sample.SteadyState;
import dev.pixelforge.report.client.ClientLoad;
import dev.pixelforge.report.client.ClientLoadReader;
import dev.pixelforge.report.cloud.CloudMetric;
import dev.pixelforge.report.cloud.CloudMetricsReader;
import dev.pixelforge.report.cost.BreakEven;
import dev.pixelforge.report.cost.CostEstimate;
import dev.pixelforge.report.cost.MonthlyCost;
import dev.pixelforge.report.cost.StartupCost;
import dev.pixelforge.report.cost.SteadyBusyTime;
import dev.pixelforge.report.format.ArrivalRows;
import dev.pixelforge.report.format.ChartSpec;
import dev.pixelforge.report.format.Charts;
import dev.pixelforge.report.format.CsvSummary;
import dev.pixelforge.report.format.HtmlReport;
import dev.pixelforge.report.format.MarkdownSummary;
import dev.pixelforge.report.format.SebsResultCsv;
import dev.pixelforge.report.format.SummaryTable;
import dev.pixelforge.report.summary.ArrivalPlan;
import dev.pixelforge.report.summary.ClientReach;
import dev.pixelforge.report.summary.CrossCheck;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.Summarizer;
import dev.pixelforge.report.summary.TargetSummary;
import dev.pixelforge.report.verdict.Verdict;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Makes every report file of a run from what the run recorded, and nothing else: {@code
 * samples.csv}, {@code instances.csv}, {@code client.csv} and {@code run.properties} in, {@code
 * report.html}, {@code summary.md}, {@code summary.csv}, {@code result.csv} and {@code charts/}
 * out. Run it again at any time.
 */
public final class ReportWriter {

    private ReportWriter() {}

    /** Writes the report of the run in {@code runDir} and returns its summary. */
    public static RunSummary write(Path runDir) throws IOException {
        samplesOf(runDir); // not a run folder: nothing written
        Properties about = about(runDir);
        RunSummary run;
        // SeBS's form of the samples, from the summary's own pass over them.
        try (SebsResultCsv sebs = new SebsResultCsv(runDir.resolve(RunLayout.RESULT_CSV))) {
            run = summarize(runDir, about, sebs);
        }
        List<ChartSpec> charts = Charts.all(run);
        Map<String, byte[]> pngs = HtmlReport.pngs(charts);
        Path chartDir = Files.createDirectories(runDir.resolve(RunLayout.CHARTS));
        for (Map.Entry<String, byte[]> c : pngs.entrySet()) {
            Files.write(chartDir.resolve(c.getKey()), c.getValue());
        }
        Map<String, String> shown = new LinkedHashMap<>();
        new TreeMap<>(about).forEach((k, v) -> shown.put(k.toString(), v.toString()));
        Files.writeString(
                runDir.resolve(RunLayout.REPORT_HTML),
                HtmlReport.render(run, shown, charts, pngs, dashboards(runDir, run)));
        Files.writeString(runDir.resolve(RunLayout.SUMMARY_MD), MarkdownSummary.render(run));
        Files.writeString(runDir.resolve(RunLayout.SUMMARY_CSV), CsvSummary.render(run));
        return run;
    }

    /**
     * The summary of the run in {@code runDir}, every figure the report shows; it writes nothing
     * (only {@link #write} writes files): a sweep reads each step's this way.
     */
    public static RunSummary summarize(Path runDir) throws IOException {
        return summarize(runDir, about(runDir), s -> {});
    }

    /** As {@link #summarize(Path)}, handing every sample to {@code alsoEach} on the way. */
    private static RunSummary summarize(Path runDir, Properties about, Consumer<Sample> alsoEach)
            throws IOException {
        Path samples = samplesOf(runDir);
        Map<String, Double> dilation = new HashMap<>();
        for (String key : about.stringPropertyNames()) {
            if (key.startsWith(RunManifest.DILATION)) {
                dilation.put(
                        key.substring(RunManifest.DILATION.length()),
                        Double.parseDouble(about.getProperty(key)));
            }
        }
        Summarizer summarizer =
                new Summarizer(
                        resources(InstanceLog.read(runDir.resolve(RunLayout.INSTANCES))),
                        ArrivalPlan.read(about),
                        phases(samples, RunManifest.of(about)),
                        dilation,
                        weights(RunManifest.of(about)));
        SampleLog.read(
                samples,
                s -> {
                    summarizer.accept(s);
                    alsoEach.accept(s);
                });
        RunSummary run =
                withPlatformData(
                                summarizer
                                        .summary(
                                                runDir.getFileName().toString(),
                                                about.getProperty(RunManifest.PROFILE, "?"))
                                        .withDilation(dilation),
                                runDir,
                                about)
                        .withCpuIsolation(about.getProperty(RunManifest.CPU_ISOLATION));
        run =
                run.withCrossChecks(
                        CrossCheck.of(
                                run.targets(),
                                run.cloud(),
                                standinCounters(runDir.resolve("cloud/standins.properties"))));
        run = run.withClient(ClientLoadReader.read(runDir));
        List<String> warnings = new ArrayList<>(warnings(run, about));
        if (SampleLog.endsMidLine(samples)) {
            warnings.add(
                    0,
                    "samples.csv ends mid-line: the run was cut while writing it; its last, cut"
                            + " line is left out.");
        }
        run = run.withWarnings(warnings);
        return run;
    }

    private static Path samplesOf(Path runDir) throws IOException {
        Path samples = RunLayout.samples(runDir);
        if (!Files.exists(samples)) {
            throw new IOException(runDir + " has no samples.csv: is it a PixelForge run folder?");
        }
        return samples;
    }

    /** Per target, the requests each sample stands for, where a simulation kept one in many. */
    private static Map<String, Long> weights(RunManifest manifest) {
        Map<String, Long> out = new HashMap<>();
        manifest.asMap().keySet().stream()
                .filter(k -> k.startsWith(RunManifest.SAMPLES_KEPT_ONE_IN))
                .map(k -> k.substring(RunManifest.SAMPLES_KEPT_ONE_IN.length()))
                .forEach(t -> out.put(t, manifest.keptOneIn(t)));
        return out;
    }

    /**
     * Where each target's start-up ends: a first pass over the samples. A folder from before phases
     * (no ramp-up recorded) is summarised whole, as it was when written.
     */
    private static Map<String, SteadyState.Phases> phases(Path samples, RunManifest manifest)
            throws IOException {
        if (manifest.text(RunManifest.RAMP_SECONDS).isEmpty()) {
            return Map.of();
        }
        SteadyState steady = new SteadyState();
        Map<String, Long> ramps = new HashMap<>();
        SampleLog.read(
                samples,
                s -> {
                    steady.accept(s);
                    ramps.computeIfAbsent(s.target(), manifest::rampMillis);
                });
        return steady.phases(ramps);
    }

    private static Properties about(Path runDir) throws IOException {
        // Old folders load too: the manifest reads their sentences back into typed facts.
        return RunManifest.read(runDir).toProperties();
    }

    /**
     * Each target's JMeter dashboard that the run has ({@code
     * jmeter-dashboard/<target>/index.html}), as a link relative to the run folder.
     */
    static Map<String, String> dashboards(Path runDir, RunSummary run) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TargetSummary t : run.targets()) {
            if (Files.exists(
                    runDir.resolve(RunLayout.JMETER_DASHBOARD)
                            .resolve(t.target())
                            .resolve(RunLayout.INDEX_HTML))) {
                out.put(t.target(), "jmeter-dashboard/" + t.target() + "/index.html");
            }
        }
        return out;
    }

    /**
     * Adds what the platforms reported (cloud/) and, when the run kept its unit prices, the cost
     * estimate.
     */
    private static RunSummary withPlatformData(RunSummary run, Path runDir, Properties about)
            throws IOException {
        List<CloudMetric> cloud = CloudMetricsReader.read(runDir.resolve(RunLayout.CLOUD));
        Path pricing = runDir.resolve(RunLayout.PRICING);
        if (!Files.exists(pricing)) {
            return run.withPlatformData(cloud, List.of(), List.of(), "");
        }
        Properties prices = new Properties();
        try (Reader in = Files.newBufferedReader(pricing)) {
            prices.load(in);
        }
        List<CostEstimate> costs = new ArrayList<>();
        boolean phased = RunManifest.of(about).text(RunManifest.RAMP_SECONDS).isPresent();
        for (TargetSummary t : run.targets()) {
            String memory = about.getProperty(RunManifest.MEMORY_MB + t.target());
            if (memory != null && t.process().count() > 0) {
                double k = run.dilation(t.target());
                int memoryMb = Integer.parseInt(memory);
                double cpus =
                        Double.parseDouble(about.getProperty(RunManifest.CPUS + t.target(), "1"));
                // A dilated model's times are k times the cloud's: cost what the cloud would have
                // billed. A run split into phases is costed on its steady state alone: the
                // platforms' own billing metrics cover the whole window, start-ups included, so
                // they are shown in the cloud section, not costed here.
                costs.add(
                        CostEstimate.of(
                                        t.target(),
                                        t.process().mean() / k,
                                        k,
                                        memoryMb,
                                        cpus,
                                        RunManifest.BILLING_INSTANCE.equals(
                                                        about.getProperty(
                                                                RunManifest.BILLING + t.target()))
                                                ? instanceBased(prices)
                                                : prices,
                                        phased ? List.of() : cloud,
                                        phased
                                                ? new SteadyBusyTime(
                                                        t.busyPeriodsMicros(), t.successes())
                                                : null)
                                .withEgress(t.meanResponseBytes(), prices)
                                .withStartup(
                                        StartupCost.of(
                                                t.target(),
                                                startupMillis(t, cloud) / k,
                                                memoryMb,
                                                cpus,
                                                prices)));
            }
        }
        List<MonthlyCost> monthly = new ArrayList<>();
        for (CostEstimate c : costs) {
            // Older runs did not record min instances: then 0, and the chart's basis says it was
            // assumed.
            String min = about.getProperty(RunManifest.MIN_INSTANCES + c.target());
            monthly.add(
                    MonthlyCost.of(
                            c,
                            min == null ? 0 : Integer.parseInt(min.trim()),
                            min != null,
                            prices));
        }
        return run.withPlatformData(cloud, costs, monthly, prices.getProperty("as-of", "?"));
    }

    /**
     * One start-up of {@code t}, as measured: Lambda's mean Init Duration when the run has REPORT
     * lines, else its instances' mean spawn-to-ready; NaN when neither was measured.
     */
    private static double startupMillis(TargetSummary t, List<CloudMetric> cloud) {
        return cloud.stream()
                .filter(
                        m ->
                                m.target().equals(t.target())
                                        && m.metric().equals("Init Duration")
                                        && m.statistic().equals("mean"))
                .mapToDouble(CloudMetric::value)
                .findFirst()
                .orElse(t.resources().meanReadyMillis());
    }

    /**
     * The price list as instance-based billing reads it: Cloud Run's rates for instances billed
     * their whole life replace the request-based ones (the estimate names the rates it used).
     */
    static Properties instanceBased(Properties prices) {
        Properties p = new Properties();
        p.putAll(prices);
        CostEstimate.price(
                prices, "gcp.instance-vcpu-second"); // a clear error when the price list lacks them
        CostEstimate.price(prices, "gcp.instance-gib-second");
        p.setProperty("gcp.vcpu-second", prices.getProperty("gcp.instance-vcpu-second").trim());
        p.setProperty("gcp.gib-second", prices.getProperty("gcp.instance-gib-second").trim());
        p.setProperty("gcp.per-million-requests", "0"); // instance-based billing has no request fee
        return p;
    }

    /** The local stand-ins' own counters; none for a deployed run, which has no such file. */
    private static Map<String, Long> standinCounters(Path file) throws IOException {
        Map<String, Long> out = new HashMap<>();
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            p.stringPropertyNames()
                    .forEach(k -> out.put(k, Long.parseLong(p.getProperty(k).trim())));
        }
        return out;
    }

    /**
     * A model that was oversubscribed and not dilated, or one that ran dilated: said before any
     * figure.
     */
    static List<String> warnings(RunSummary run, Properties about) {
        List<String> out = new ArrayList<>();
        RunManifest manifest = RunManifest.of(about);
        String state = manifest.text(RunManifest.STATE, RunManifest.FINISHED);
        String during =
                manifest.text(RunManifest.CURRENT_TARGET).map(t -> " during " + t).orElse("");
        RunManifest.Owner owner =
                state.equals(RunManifest.RUNNING) ? manifest.owner() : RunManifest.Owner.UNKNOWN;
        if (state.equals(RunManifest.RUNNING) && owner == RunManifest.Owner.GONE) {
            out.add(
                    "The run was interrupted"
                            + during
                            + " (the run's process ended without finishing: killed or crashed)."
                            + " This is a report of what reached the disk; the last target's"
                            + " figures stop where it stopped.");
        } else if (state.equals(RunManifest.RUNNING) && owner == RunManifest.Owner.ALIVE) {
            out.add(
                    "The run is still running"
                            + during
                            + " (its process is alive): this is a report of what has reached the"
                            + " disk so far.");
        } else if (state.equals(RunManifest.RUNNING)) {
            out.add(
                    "The run did not finish: run.properties still says it was running"
                            + during
                            + " (killed outright, a crash or a power cut). This is a report of what"
                            + " reached the disk; the last target's figures stop where it"
                            + " stopped.");
        } else if (state.equals(RunManifest.INTERRUPTED)) {
            out.add(
                    "The run was interrupted"
                            + during
                            + " (Ctrl-C). This is a report of what was measured until then.");
        } else if (state.equals(RunManifest.FAILED)) {
            out.add(
                    "The run failed"
                            + during
                            + " (its console said why). This is a report of what was measured"
                            + " until then.");
        }
        for (TargetSummary t : run.targets()) {
            long oneIn = manifest.keptOneIn(t.target());
            if (oneIn > 1) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "%s: a simulation too large to keep every sample kept one in %d:"
                                        + " its counts and rates are the kept samples' times %d,"
                                        + " its timings those of the kept samples (evenly spread"
                                        + " over the run); its Google instance time, which needs"
                                        + " every request, is not estimated from them.",
                                t.target(),
                                oneIn,
                                oneIn));
            }
        }
        if (run.dilated()) {
            out.add(
                    "Dilated scale model: each target ran k times slower than its platform (k per"
                            + " target in the table), so that its peak fits this machine;"
                            + " cloud-equivalent rows divide the function's times by k (a round"
                            + " trip's undilated rest, the client's path, is kept as measured) and"
                            + " multiply rates by k.");
        }
        for (TargetSummary t : run.targets()) {
            String over = about.getProperty(RunManifest.OVERSUBSCRIPTION + t.target());
            if (over != null && run.dilation(t.target()) == 1 && Double.parseDouble(over) > 1) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "%s was %.1fx oversubscribed: its instances at their peak want"
                                    + " %.1fx the %s cores this machine had for them, and the run"
                                    + " was not dilated (--dilation 1), so they competed for CPU.",
                                t.target(),
                                Double.parseDouble(over),
                                Double.parseDouble(over),
                                about.getProperty(RunManifest.CORES_FOR_INSTANCES, "?")));
            }
        }
        for (TargetSummary t : run.targets()) {
            if (t.coldStarts() > 0 && t.coldStarts() < Verdict.FEW_COLD_STARTS) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "%s had %d cold start%s: too few (under %d) for its cold-start"
                                        + " figures to be more than anecdotes.",
                                t.target(),
                                t.coldStarts(),
                                t.coldStarts() == 1 ? "" : "s",
                                Verdict.FEW_COLD_STARTS));
            }
        }
        Optional<RunManifest.ClientIsolation> clientIsolation =
                RunManifest.of(about).clientIsolation();
        if (clientIsolation.isPresent()
                && clientIsolation.get().mode() == RunManifest.ClientMode.NOT_ISOLATED) {
            out.add(
                    "The load client was to run in a machine of its own, and could not be isolated:"
                            + " "
                            + clientIsolation.get().reason()
                            + ".");
        }
        // NONE is a client in the comparison's JVM or remote engines: no machine modelled,
        // nothing to warn of.
        if (clientIsolation.isPresent()
                && clientIsolation.get().mode() != RunManifest.ClientMode.NONE
                && run.dilated()) {
            // The client's quota models a real machine and is not divided by k: against targets k
            // times
            // slower it is, in cloud terms, a client k times stronger than the one it names.
            out.add(
                    "The load client's machine is not dilated: against a target that ran k times"
                        + " slower, it was k times stronger than the machine it models, relative to"
                        + " the target. To compare clients, run with --dilation 1.");
        }
        out.addAll(engineWarnings(about));
        accessNote(run, about).ifPresent(out::add);
        for (TargetSummary t : run.targets()) {
            ClientLoad client = run.client().get(t.target());
            if (client != null && client.bound()) {
                out.add(client.warning());
            }
            ClientReach reach = client == null ? null : ClientReach.of(t, client);
            if (reach != null
                    && !reach.sentence().isEmpty()
                    && !reach.reachedReservedConcurrency()) {
                out.add(reach.sentence());
            }
        }
        out.addAll(ArrivalRows.warnings(run));
        for (CrossCheck c : run.crossChecks()) {
            if (!c.agrees()) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "%s: %s does not hold: %d against %d (%s), a difference of %+d.",
                                c.target(),
                                c.claim(),
                                c.expected(),
                                c.observed(),
                                c.source(),
                                c.observed() - c.expected()));
            }
        }
        return out;
    }

    /**
     * A run on remote JMeter engines ({@code compare --engines}): how the threads were divided,
     * that the load client rows are the controller's, and each engine whose CPU said it, not the
     * target, set the pace (or that its CPU was not watched). run.properties holds the figures
     * ({@code engine-threads}, {@code engine-cpu.<target>.<engine>}).
     */
    /**
     * Which access mode each target was measured in, when any was private: an API key check at API
     * Gateway, or Cloud Run's IAM check of an identity token, is in every round trip, so a private
     * target's figures and a public one's are not like for like. Nothing for an all-public or
     * all-local run, or an old folder that did not record it.
     */
    static Optional<String> accessNote(RunSummary run, Properties about) {
        Map<String, String> modes = new LinkedHashMap<>();
        for (TargetSummary t : run.targets()) {
            String mode = about.getProperty(RunManifest.ACCESS + t.target());
            if (mode != null) {
                modes.put(t.target(), mode.trim());
            }
        }
        if (!modes.containsValue(RunManifest.ACCESS_PRIVATE)) {
            return Optional.empty();
        }
        String each =
                modes.entrySet().stream()
                        .map(
                                e ->
                                        e.getKey()
                                                + " "
                                                + e.getValue()
                                                + access(e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", "));
        boolean mixed = new HashSet<>(modes.values()).size() > 1;
        return Optional.of(
                "Access measured: "
                        + each
                        + ". A private target's round trips include its credential's check"
                        + (mixed
                                ? "; the targets were measured in different modes, so their"
                                        + " overheads are not like for like."
                                : "."));
    }

    private static String access(String target, String mode) {
        if (!mode.equals(RunManifest.ACCESS_PRIVATE)) {
            return "";
        }
        return target.equals("aws-lambda")
                ? " (API key, x-api-key)"
                : " (identity token, Authorization: Bearer)";
    }

    static List<String> engineWarnings(Properties about) {
        List<String> out = new ArrayList<>();
        String engines = about.getProperty(RunManifest.ENGINES);
        if (engines == null) {
            return out;
        }
        out.add(
                "The load came from remote JMeter engines, each running the whole plan with its"
                        + " share of the threads ("
                        + about.getProperty(RunManifest.ENGINE_THREADS, engines)
                        + "); samples.csv's engine column says which sent each request. The load"
                        + " client rows are the controller's, which records the samples the engines"
                        + " send back: a client-bound controller held the engines back too (they"
                        + " wait on it to take each batch).");
        List<String> unwatched = new ArrayList<>();
        for (String key : new TreeSet<>(about.stringPropertyNames())) {
            if (!key.startsWith(RunManifest.ENGINE_CPU)) {
                continue;
            }
            String figure = about.getProperty(key);
            String targetAndEngine = key.substring(RunManifest.ENGINE_CPU.length());
            if (figure.contains("engine-bound")) {
                int dot = targetAndEngine.indexOf('.');
                out.add(
                        targetAndEngine.substring(0, dot)
                                + ": engine "
                                + targetAndEngine.substring(dot + 1)
                                + " used "
                                + figure
                                + " (at 85% or more of its cores the engine, not the target, set"
                                + " the pace).");
            } else if (figure.startsWith("engine CPU not watched")) {
                unwatched.add(targetAndEngine);
            }
        }
        if (!unwatched.isEmpty()) {
            out.add(
                    "Engine CPU not watched for "
                            + String.join(", ", unwatched)
                            + ": this run cannot say whether those engines were the limit (watch"
                            + " their machines, or see the README's distributed load section on how"
                            + " to tell).");
        }
        return out;
    }

    /** The headline rows, side by side, in fixed-width columns. */
    public static String consoleTable(RunSummary run) {
        StringBuilder warnings = new StringBuilder();
        if (!run.cpuIsolated()) {
            warnings.append("!! ")
                    .append(run.cpuIsolation())
                    .append(".\n!! Every figure below is this machine's, not the platforms'.\n");
        }
        run.warnings().forEach(w -> warnings.append("!! ").append(w).append('\n'));
        StringBuilder out = new StringBuilder(MarkdownSummary.console(Verdict.of(run)));
        if (!warnings.isEmpty()) {
            out.append('\n').append(warnings);
        }
        out.append('\n').append(MarkdownSummary.console(SummaryTable.of(run)));
        if (!run.breakEvens().isEmpty()) {
            out.append("break-even: ")
                    .append(
                            String.join(
                                    "; ",
                                    run.breakEvens().stream().map(BreakEven::sentence).toList()))
                    .append('\n');
        }
        return out.toString();
    }

    static Map<String, TargetSummary.Resources> resources(List<InstanceRecord> records) {
        Map<String, List<InstanceRecord>> byTarget = new HashMap<>();
        records.forEach(
                r -> byTarget.computeIfAbsent(r.target().id(), k -> new ArrayList<>()).add(r));
        Map<String, TargetSummary.Resources> out = new HashMap<>();
        byTarget.forEach(
                (t, rs) ->
                        out.put(
                                t,
                                new TargetSummary.Resources(
                                        rs.size(),
                                        (int) rs.stream().filter(r -> r.requests() > 0).count(),
                                        rs.stream().mapToLong(InstanceRecord::cpuMillis).sum(),
                                        rs.stream()
                                                .mapToLong(InstanceRecord::peakRssKb)
                                                .max()
                                                .orElse(0),
                                        rs.stream()
                                                .mapToDouble(r -> Math.max(0, r.readyMillis()))
                                                .average()
                                                .orElse(Double.NaN),
                                        rs.stream()
                                                .mapToDouble(InstanceRecord::cpuQuota)
                                                .filter(q -> !Double.isNaN(q))
                                                .max()
                                                .orElse(Double.NaN),
                                        rs.stream()
                                                .mapToLong(InstanceRecord::throttledMillis)
                                                .sum())));
        return out;
    }
}
