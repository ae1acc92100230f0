package dev.pixelforge.load.jmeter;

import static us.abstracta.jmeter.javadsl.JmeterDsl.htmlReporter;
import static us.abstracta.jmeter.javadsl.JmeterDsl.jtlWriter;

import dev.pixelforge.load.arrivals.Tickets;
import dev.pixelforge.load.client.ClientHost;
import dev.pixelforge.load.client.ClientWatch;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.sample.SampleLog;

import us.abstracta.jmeter.javadsl.core.DslTestPlan;
import us.abstracta.jmeter.javadsl.core.engines.EmbeddedJmeterEngine;
import us.abstracta.jmeter.javadsl.core.listeners.HtmlReporter;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** Puts one load profile on one target with embedded JMeter, recording every request. */
public final class LoadRunner {

    /**
     * JMeter keeps at most this much of each response body (the rest is read and counted, not
     * kept): with 50 threads and 8K images, whole responses would not fit a small heap.
     */
    static final int STORED_RESPONSE_BYTES = 64 * 1024;

    /**
     * Open loop: the thread group runs this much past the schedule's end, so that arrivals taken
     * late still leave (their lateness is the target's queue); what is still waiting then is never
     * sent, and the report counts it against the arrivals planned.
     */
    public static final int OPEN_LOOP_DRAIN_SECONDS = 5;

    private LoadRunner() {}

    /** JMeter properties that aim the plan at {@code url} with {@code profile}'s shape. */
    public static Map<String, String> properties(URI url, LoadProfile profile, Path runDir) {
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("^/+", "");
        if (!path.isEmpty() && !path.endsWith("/")) {
            path += "/";
        }
        int port = url.getPort() > 0 ? url.getPort() : (url.getScheme().equals("https") ? 443 : 80);
        return Map.of(
                "protocol",
                url.getScheme(),
                "host",
                url.getHost(),
                "port",
                Integer.toString(port),
                "base_path",
                path,
                "threads",
                Integer.toString(profile.threads()),
                "ramp",
                Integer.toString(profile.rampSeconds()),
                "duration",
                Integer.toString(
                        profile.holdSeconds() + (profile.openLoop() ? OPEN_LOOP_DRAIN_SECONDS : 0)),
                "run_dir",
                runDir.toAbsolutePath().toString(),
                "think_ms",
                Long.toString(profile.thinkMillis()));
    }

    /**
     * What a run writes besides {@code samples.csv} and the latency log, both off in {@code
     * compare} unless asked for.
     *
     * @param jtl {@code jtl/<target>.jtl} for JMeter's own tools: {@code samples.csv} holds
     *     everything the report reads, and the JTL writer costs the client a second formatted line
     *     and a second lock per request
     * @param dashboard JMeter's own HTML dashboard in {@code jmeter-dashboard/<target>/} (a second
     *     listener, only in embedded runs: {@code plan.jmx} has neither)
     */
    public record Outputs(boolean jtl, boolean dashboard) {
        public static final Outputs SAMPLES_ONLY = new Outputs(false, false);
    }

    /**
     * Runs {@code target}'s window; {@code client} says what the load client ran on, for its own
     * watch ({@code client.csv}).
     */
    public static void run(
            String target,
            URI url,
            LoadProfile profile,
            Path runDir,
            SampleLog log,
            PrintStream out,
            ClientHost client,
            Outputs outputs)
            throws IOException, InterruptedException, TimeoutException {
        run(target, url, profile, runDir, log, out, client, outputs, null);
    }

    /**
     * As above; {@code credential}: what a private target wants on every request (null: nothing),
     * given to this JVM's JMeter as properties and to nothing else.
     */
    public static void run(
            String target,
            URI url,
            LoadProfile profile,
            Path runDir,
            SampleLog log,
            PrintStream out,
            ClientHost client,
            Outputs outputs,
            Credential credential)
            throws IOException, InterruptedException, TimeoutException {
        try (LatencyLog latency = new LatencyLog(RunLayout.histogram(runDir, target));
                ClientWatch watch =
                        ClientWatch.start(
                                target, client, runDir, profile.threads(), profile.rampSeconds())) {
            Progress progress =
                    new Progress(target, profile.durationSeconds(), latency, profile.slowdown());
            SampleRecorder recorder =
                    new SampleRecorder(
                            target,
                            profile.operation(),
                            log,
                            progress,
                            outputs.jtl(),
                            r -> watch.observe(r.getResponseCode(), r.getResponseMessage()));
            DslTestPlan plan =
                    profile.openLoop()
                            ? LoadPlan.embedded(
                                    profile.operation(),
                                    credential != null,
                                    recorder,
                                    watch::begin,
                                    new Tickets(profile.arrivals()))
                            : LoadPlan.embedded(
                                    profile.operation(),
                                    credential != null,
                                    recorder,
                                    watch::begin);
            if (outputs.jtl()) {
                plan =
                        plan.children(
                                jtlWriter(
                                                Files.createDirectories(runDir.resolve("jtl"))
                                                        .toString(),
                                                target + ".jtl")
                                        .withVariables(LoadPlan.VARIABLES.toArray(new String[0])));
            }
            Path dashboardDir = dashboardDir(runDir, target);
            if (outputs.dashboard()) {
                plan = plan.children(dashboard(dashboardDir, profile));
            }
            EmbeddedJmeterEngine engine = new RecordingEngine();
            properties(url, profile, runDir).forEach(engine::prop);
            if (credential != null) {
                credential.properties().forEach(engine::prop);
            }
            engine.prop(
                    "httpsampler.max_bytes_to_store_per_request",
                    Integer.toString(STORED_RESPONSE_BYTES));
            engine.prop("summariser.out", "false"); // the progress line says it better, per target
            Thread printer = progress.startPrinting(out);
            try {
                plan.runIn(engine); // its stats are empty: the recorder keeps the run's
                // (RecordingEngine)
                // JMeter logs a failed dashboard generation and carries on: say so where the user
                // looks.
                if (outputs.dashboard()
                        && !Files.exists(dashboardDir.resolve(RunLayout.INDEX_HTML))) {
                    out.println(
                            "!! "
                                    + target
                                    + ": JMeter's dashboard was not generated in "
                                    + dashboardDir
                                    + " (see jmeter.log)");
                }
            } finally {
                // Samples first: a failure below must not cost the run's sample log its last lines.
                log.flush();
                printer.interrupt();
                printer.join(); // the printer's last line writes the latency log's last interval;
                // the log closes after
            }
        }
    }

    /** Where a target's JMeter dashboard goes. */
    public static Path dashboardDir(Path runDir, String target) {
        return runDir.resolve(RunLayout.JMETER_DASHBOARD).resolve(target);
    }

    private static HtmlReporter dashboard(Path dir, LoadProfile profile) throws IOException {
        // JMeter's report generator refuses a folder that holds anything: a new one per target and
        // run.
        if (Files.exists(dir)) {
            throw new IOException(dir + " exists already: JMeter's dashboard needs a new folder");
        }
        // JMeter's default 1 min granularity leaves a short run's graphs one point; above 1 s
        // because
        // of JMeter bug 60149 (TPS graphs); about 200 points over the longest profiles.
        Duration granularity = Duration.ofSeconds(Math.max(2, profile.durationSeconds() / 200));
        return htmlReporter(dir.getParent().toString(), dir.getFileName().toString())
                .timeGraphsGranularity(granularity);
    }
}
