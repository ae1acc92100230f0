package dev.pixelforge.load.jmeter;

import dev.pixelforge.load.client.ClientHost;
import dev.pixelforge.load.client.ClientWatch;
import dev.pixelforge.load.engines.EngineCpu;
import dev.pixelforge.load.engines.EngineOfSample;
import dev.pixelforge.load.engines.RemoteEngines;
import dev.pixelforge.load.engines.RemoteRecorder;
import dev.pixelforge.load.engines.RmiSettings;
import dev.pixelforge.load.engines.ThreadShares;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.sample.SampleLog;

import us.abstracta.jmeter.javadsl.core.DslTestPlan;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Puts one load profile on one target from remote JMeter engines ({@code ./pixelforge engine}),
 * each running the whole plan with its share of the threads, while this JVM, the controller,
 * records every sample they send back. The plan is the bare one (what {@code plan.jmx} is without
 * its extractors): it is serialised to the engines, and the embedded plan's recorder holds Java
 * objects of this JVM. It also holds an {@link EngineRunFolder}, so an engine on another machine
 * reads images of its own.
 */
public final class EnginesRunner {

    /**
     * JMeter's default sender (StrippedBatch) drops only response bodies, which the report never
     * reads, and keeps the headers it does read (Server-Timing, X-PixelForge-*); batches of 100
     * samples, sent at least once a second here (JMeter's default waits up to a minute), so the
     * progress line stays live.
     */
    static final Map<String, String> SENDER =
            Map.of(
                    "mode",
                    "StrippedBatch",
                    "num_sample_threshold",
                    "100",
                    "time_threshold",
                    "1000");

    /**
     * What the engines may take beyond the plan's duration to start, end and send their last batch.
     */
    static final long SLACK_SECONDS = 120;

    private EnginesRunner() {}

    /**
     * @param cpu each engine's CPU over the window ({@link EngineCpu}), by engine id, or why it was
     *     not watched
     * @param threadsSeen how many distinct threads each engine sent samples from (its share, when
     *     every thread sent one)
     */
    public record EngineWindow(Map<String, String> cpu, Map<String, Integer> threadsSeen) {}

    /**
     * Runs {@code target}'s window on the engines of {@code shares}; {@code controller}: this JVM,
     * for its own watch; {@code controllerPort}: JMeter's {@code client.rmi.localport} (the engines
     * call back on the two ports above it), 0 for random. Returns what the controller saw of each
     * engine over the window.
     */
    public static EngineWindow run(
            String target,
            URI url,
            LoadProfile profile,
            Path runDir,
            SampleLog log,
            PrintStream out,
            ClientHost controller,
            ThreadShares shares,
            RmiSettings rmi,
            int controllerPort,
            Credential credential)
            throws IOException, InterruptedException, TimeoutException {
        try (LatencyLog latency = new LatencyLog(RunLayout.histogram(runDir, target));
                ClientWatch watch =
                        ClientWatch.start(
                                target,
                                controller,
                                runDir,
                                profile.threads(),
                                profile.rampSeconds())) {
            Progress progress =
                    new Progress(target, profile.durationSeconds(), latency, profile.slowdown());
            SampleRecorder recorder =
                    new SampleRecorder(
                            target,
                            profile.operation(),
                            log,
                            progress,
                            false,
                            r -> watch.observe(r.getResponseCode(), r.getResponseMessage()));
            RemoteRecorder listener =
                    new RemoteRecorder(
                            shares.threads().size(),
                            new EngineOfSample(shares.engines()),
                            (result, engine) -> {
                                watch.begin(); // the window opens with the first sample back (no
                                // request is made in this JVM)
                                recorder.record(result, null, engine);
                            });
            DslTestPlan plan =
                    LoadPlan.bare(profile.operation(), credential != null)
                            .children(
                                    new PlanElement(
                                            "the engine run folder",
                                            () -> new EngineRunFolder(profile.maxImagePixels())),
                                    new PlanElement("the recorder", () -> listener));
            Map<String, String> common =
                    new LinkedHashMap<>(LoadRunner.properties(url, profile, runDir));
            common.remove("threads"); // each engine's own share
            common.put(
                    "httpsampler.max_bytes_to_store_per_request",
                    Integer.toString(LoadRunner.STORED_RESPONSE_BYTES));
            common.put("summariser.out", "false");
            // Over JMeter's RMI (TLS with the run's keystore unless RmiSettings says otherwise),
            // into each engine's properties: a ./pixelforge engine logs errors only, so JMeter's
            // "Applying properties" line, which would print them, is never written.
            if (credential != null) {
                common.putAll(credential.properties());
            }
            RemoteEngines engines =
                    new RemoteEngines(
                            shares, common, listener, profile.durationSeconds() + SLACK_SECONDS);
            SENDER.forEach(engines::prop);
            rmi.jmeterProperties().forEach(engines::prop);
            engines.prop("client.rmi.localport", Integer.toString(controllerPort));
            Map<String, EngineCpu> cpu = new LinkedHashMap<>();
            shares.engines().forEach(e -> cpu.put(e.id(), EngineCpu.start(e)));
            Thread printer = progress.startPrinting(out);
            try {
                plan.runIn(engines);
                Map<String, String> figures = new LinkedHashMap<>();
                cpu.forEach((id, engineCpu) -> figures.put(id, engineCpu.finish()));
                figures.forEach((id, figure) -> out.println("engine " + id + " CPU: " + figure));
                return new EngineWindow(figures, listener.threadsSeen());
            } finally {
                log.flush(); // samples first, as in LoadRunner
                printer.interrupt();
                printer.join();
            }
        }
    }
}
