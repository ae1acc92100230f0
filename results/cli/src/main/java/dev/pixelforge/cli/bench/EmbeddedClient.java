package dev.pixelforge.cli.bench;

import com.sun.management.OperatingSystemMXBean;

import dev.pixelforge.load.client.ClientHost;
import dev.pixelforge.load.jmeter.LoadRunner;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.sample.SampleLog;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;

/**
 * The embedded client exactly as {@code compare} runs it: the embedded plan, the recorder, the
 * sample log, the HdrHistogram log and the progress line (no JTL, as compare's default), in this
 * process. Its rate is samples.csv's requests over their window, as the report counts offered load.
 */
final class EmbeddedClient {

    private EmbeddedClient() {}

    static ClientRun run(Path runDir, URI url, LoadProfile profile, PrintStream out)
            throws IOException, InterruptedException, TimeoutException {
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        try (SampleLog log = SampleLog.appendTo(runDir.resolve(RunLayout.SAMPLES))) {
            // Full recording, as compare records: samples, latency log and the client's own watch;
            // no JTL, no dashboard.
            LoadRunner.run(
                    "container",
                    url,
                    profile,
                    runDir,
                    log,
                    out,
                    ClientHost.thisJvm("bench client"),
                    LoadRunner.Outputs.SAMPLES_ONLY);
        }
        long cpuNanos = os.getProcessCpuTime() - cpuBefore;
        long[] window = {Long.MAX_VALUE, Long.MIN_VALUE, 0}; // first start, last end (ms), samples
        SampleLog.read(
                runDir.resolve(RunLayout.SAMPLES),
                s -> {
                    window[0] = Math.min(window[0], s.startEpochMillis());
                    window[1] =
                            Math.max(window[1], s.startEpochMillis() + s.roundTripMicros() / 1000);
                    window[2]++;
                });
        if (window[2] == 0) {
            throw new IllegalStateException(
                    "the embedded client recorded no sample: " + runDir.resolve(RunLayout.SAMPLES));
        }
        return new ClientRun(
                "embedded, full recording",
                window[2],
                (window[1] - window[0]) / 1000.0,
                cpuNanos,
                "this process over its run (stand-in apart)");
    }
}
