package dev.pixelforge.load.jmeter;

import dev.pixelforge.load.profile.LoadProfile;

import static us.abstracta.jmeter.javadsl.JmeterDsl.jtlWriter;

import dev.pixelforge.platform.sample.SampleLog;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import us.abstracta.jmeter.javadsl.core.DslTestPlan;
import us.abstracta.jmeter.javadsl.core.engines.EmbeddedJmeterEngine;

/** Puts one load profile on one target with embedded JMeter, recording every request. */
public final class LoadRunner {

    /**
     * JMeter keeps at most this much of each response body (the rest is read and counted, not kept):
     * with 50 threads and 8K images, whole responses would not fit a small heap.
     */
    static final int STORED_RESPONSE_BYTES = 64 * 1024;

    private LoadRunner() {
    }

    /** JMeter properties that aim the plan at {@code url} with {@code profile}'s shape. */
    public static Map<String, String> properties(URI url, LoadProfile profile, Path runDir) {
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("^/+", "");
        if (!path.isEmpty() && !path.endsWith("/")) {
            path += "/";
        }
        int port = url.getPort() > 0 ? url.getPort() : (url.getScheme().equals("https") ? 443 : 80);
        return Map.of("protocol", url.getScheme(), "host", url.getHost(), "port", Integer.toString(port), "base_path", path,
                "threads", Integer.toString(profile.threads()), "ramp", Integer.toString(profile.rampSeconds()),
                "duration", Integer.toString(profile.holdSeconds()), "run_dir", runDir.toAbsolutePath().toString());
    }

    /**
     * {@code jtl}: also write {@code jtl/<target>.jtl} for JMeter's own tools. Off by default in
     * {@code compare}: {@code samples.csv} holds everything the report reads, and the JTL writer
     * costs the client a second formatted line and a second lock per request.
     */
    public static void run(String target, URI url, LoadProfile profile, Path runDir, SampleLog log, boolean jtl, PrintStream out)
            throws IOException, InterruptedException, TimeoutException {
        LatencyLog latency = new LatencyLog(runDir.resolve("histograms").resolve(target + ".hlog"));
        Progress progress = new Progress(target, profile.durationSeconds(), latency);
        DslTestPlan plan = LoadPlan.embedded(profile.operation(), new SampleRecorder(target, profile.operation(), log, progress, jtl));
        if (jtl) {
            plan = plan.children(jtlWriter(Files.createDirectories(runDir.resolve("jtl")).toString(), target + ".jtl")
                    .withVariables(LoadPlan.VARIABLES.toArray(new String[0])));
        }
        EmbeddedJmeterEngine engine = new RecordingEngine();
        properties(url, profile, runDir).forEach(engine::prop);
        engine.prop("httpsampler.max_bytes_to_store_per_request", Integer.toString(STORED_RESPONSE_BYTES));
        engine.prop("summariser.out", "false"); // the progress line says it better, per target
        Thread printer = progress.startPrinting(out);
        try {
            plan.runIn(engine); // its stats are empty: the recorder keeps the run's (RecordingEngine)
        } finally {
            printer.interrupt();
            printer.join();
            latency.close();
            log.flush();
        }
    }
}
