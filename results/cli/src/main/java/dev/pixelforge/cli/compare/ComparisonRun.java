package dev.pixelforge.cli.compare;

import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.images.StudyImageSet;
import dev.pixelforge.load.jmeter.RunFolder;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.RunSummary;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;

/**
 * One comparison: the same load on every target, one after another (each has the machine to
 * itself), recorded into a new run folder, then the report made from that folder alone.
 */
public final class ComparisonRun {

    private ComparisonRun() {}

    /**
     * Opens the targets of a run, once its folder exists (local instances keep their logs in it).
     */
    @FunctionalInterface
    public interface Opener {
        Targets open(Path runDir) throws IOException;
    }

    /**
     * Runs {@code spec} on the targets {@code opener} opens, prints the side-by-side table, and
     * returns the run folder.
     */
    public static Path execute(RunSpec spec, Opener opener, PrintStream out)
            throws IOException, InterruptedException, TimeoutException {
        return execute(spec, opener, out, null);
    }

    /**
     * As {@link #execute(RunSpec, Opener, PrintStream)}, into {@code runDir} (which must not exist
     * yet: a sweep's step folder), or into a new timestamped folder under the spec's runs folder
     * when it is null.
     */
    public static Path execute(RunSpec spec, Opener opener, PrintStream out, Path runDir)
            throws IOException, InterruptedException, TimeoutException {
        out.println("preparing the image set (made once, then reused) ...");
        StudyImageSet images = StudyImageSet.in(spec.runsDir().resolve("images"));
        runDir =
                runDir == null
                        ? RunFolder.create(spec.runsDir(), spec.load(), images)
                        : RunFolder.createAt(runDir, spec.load(), images);
        Properties about = about(spec, RunFolder.sentImages(spec.load(), images));
        if (Files.exists(spec.prices())) {
            Files.copy(spec.prices(), runDir.resolve(RunLayout.PRICING));
        }
        // Written now and at each target, so that a run killed outright (kill -9, a crash) still
        // says what it was and which process wrote it (the report finds that process gone);
        // Ctrl-C marks it interrupted and writes the report of what was measured.
        state(about, RunManifest.RUNNING, runDir);
        AtomicReference<LoadClient> recording = new AtomicReference<>();
        Path folder = runDir;
        Thread onCtrlC =
                new Thread(() -> interrupted(about, folder, recording), "compare-interrupted");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        String state = RunManifest.FAILED;
        boolean credentials = false;
        try (Targets targets = opener.open(runDir)) {
            targets.describe(about);
            for (Target t : targets.urls().keySet()) {
                about.setProperty(RunManifest.ACCESS + t.id(), targets.access(t));
                credentials |= targets.credential(t) != null;
            }
            try (LoadClient client =
                    spec.engines() != null
                            ? new RemoteEnginesClient(runDir, spec.engines())
                            : spec.client() == null
                                    ? new InProcessClient(runDir, targets.alongsideClient())
                                    : new IsolatedClient(spec.client(), runDir)) {
                recording.set(client);
                for (Map.Entry<Target, URI> target : targets.urls().entrySet()) {
                    out.println("== " + target.getKey().id() + "  " + target.getValue());
                    about.setProperty(RunManifest.CURRENT_TARGET, target.getKey().id());
                    state(about, RunManifest.RUNNING, runDir);
                    LoadProfile load = spec.load().slowedBy(targets.dilation(target.getKey()));
                    if (load.openLoop()) {
                        describeArrivals(
                                about,
                                target.getKey(),
                                load,
                                targets.dilation(target.getKey()),
                                out);
                    }
                    client.run(
                            target.getKey().id(),
                            target.getValue(),
                            load,
                            spec.outputs(),
                            targets.credential(target.getKey()),
                            out);
                    targets.done(target.getKey()); // the next target gets the machine to itself
                }
                client.describe(about);
            }
            targets.finish(runDir, out);
            about.remove(RunManifest.CURRENT_TARGET);
            state = RunManifest.FINISHED;
        } finally {
            boolean exiting = false;
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException e) {
                exiting = true; // Ctrl-C: the hook marks the run interrupted, not failed
            }
            if (!exiting) {
                state(about, state, runDir);
            }
        }
        RunSummary summary = writeReport(spec.load(), credentials, runDir);
        out.println();
        out.print(ReportWriter.consoleTable(summary));
        out.println();
        out.println("report: " + runDir.resolve(RunLayout.REPORT_HTML));
        return runDir;
    }

    /**
     * The shutdown hook's work on Ctrl-C (SIGINT or SIGTERM): marks the run interrupted, stops the
     * recording with every sample so far on disk, and writes the report of what was measured, all
     * within {@link #INTERRUPTED_REPORT_MILLIS}; past it the JVM exits without the report, and
     * {@code ./pixelforge report} makes it later from the same folder.
     */
    private static void interrupted(
            Properties about, Path runDir, AtomicReference<LoadClient> recording) {
        try {
            state(about, RunManifest.INTERRUPTED, runDir);
        } catch (IOException e) {
            System.err.println("interrupted, and could not mark " + runDir + ": " + e);
        }
        long deadline = System.nanoTime() + INTERRUPTED_REPORT_MILLIS * 1_000_000;
        LoadClient client = recording.get();
        if (client != null) {
            client.stopRecording(INTERRUPTED_REPORT_MILLIS / 2);
        }
        Thread report =
                new Thread(
                        () -> {
                            try {
                                // ImageIO's disk cache registers a shutdown hook of its own on
                                // first use, which a JVM already shutting down refuses.
                                ImageIO.setUseCache(false);
                                writeReport(null, false, runDir);
                                System.err.println(
                                        "interrupted: the report of what was measured is "
                                                + runDir.resolve(RunLayout.REPORT_HTML));
                            } catch (IOException | RuntimeException e) {
                                e.printStackTrace();
                                System.err.println(
                                        "interrupted: no report ("
                                                + e.getMessage()
                                                + "); ./pixelforge report "
                                                + runDir
                                                + " makes it from what was measured");
                            }
                        },
                        "compare-interrupted-report");
        report.setDaemon(true);
        report.start();
        try {
            report.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (report.isAlive()) {
            System.err.println(
                    "interrupted: the report took longer than "
                            + INTERRUPTED_REPORT_MILLIS / 1000
                            + " s; ./pixelforge report "
                            + runDir
                            + " makes it from what was measured");
        }
    }

    /** How long Ctrl-C may take to stop the recording and write the report. */
    static final long INTERRUPTED_REPORT_MILLIS = 30_000;

    /**
     * The plan (when {@code load} is known: not on Ctrl-C), with the credential header when {@code
     * credentials}, and the report; one at a time, so that a Ctrl-C as the run ends does not write
     * the report twice at once.
     */
    private static RunSummary writeReport(LoadProfile load, boolean credentials, Path runDir)
            throws IOException {
        synchronized (REPORT_LOCK) {
            if (load != null) {
                RunFolder.writePlan(runDir, load, credentials);
            }
            return ReportWriter.write(runDir);
        }
    }

    private static final Object REPORT_LOCK = new Object();

    /** Writes run.properties as it stands, with {@code state}. */
    private static synchronized void state(Properties about, String state, Path runDir)
            throws IOException {
        about.setProperty(RunManifest.STATE, state);
        RunManifest.of(about).write(runDir);
    }

    /**
     * What an open-loop target was sent, into run.properties for the report: on a dilated target
     * the rate asked for divided by k, so that cloud-equivalent it is the rate asked for.
     */
    private static void describeArrivals(
            Properties about, Target target, LoadProfile sent, double k, PrintStream out) {
        String key = RunManifest.ARRIVALS_PER_TARGET + target.id() + ".";
        about.setProperty(key + RunManifest.ARRIVALS_SENT, sent.arrivals().describe());
        about.setProperty(
                key + RunManifest.ARRIVALS_PLANNED, Long.toString(sent.arrivals().arrivals()));
        about.setProperty(
                key + RunManifest.ARRIVALS_SECONDS, Integer.toString(sent.arrivals().seconds()));
        about.setProperty(
                key + RunManifest.ARRIVALS_TARGET_RATE,
                Double.toString(sent.arrivals().meanPerSecond()));
        if (k != 1) {
            out.printf(
                    Locale.ROOT,
                    "open loop on a model dilated by k = %.2f: sending %s (%d requests),"
                            + " cloud-equivalent the rate asked for%n",
                    k,
                    sent.arrivals().describe(),
                    sent.arrivals().arrivals());
        }
    }

    private static Properties about(RunSpec spec, List<StudyImage> sent) {
        Properties about = new Properties();
        RunManifest.empty().owner(ProcessHandle.current()).copyInto(about);
        about.setProperty(RunManifest.PROFILE, spec.load().name());
        about.setProperty(RunManifest.LOAD, spec.load().describe());
        about.setProperty(RunManifest.RAMP_SECONDS, Integer.toString(spec.load().rampSeconds()));
        about.setProperty(RunManifest.THINK_MILLIS, Long.toString(spec.load().thinkMillis()));
        if (spec.load().openLoop()) {
            about.setProperty(RunManifest.ARRIVALS, spec.load().arrivals().describe());
            about.setProperty(
                    RunManifest.ARRIVALS_RATE,
                    Double.toString(spec.load().arrivals().meanPerSecond()));
            about.setProperty(
                    RunManifest.ARRIVALS_MAX_THREADS, Integer.toString(spec.load().threads()));
        }
        about.setProperty(
                RunManifest.IMAGES,
                sent.size()
                        + " ("
                        + sent.get(0).name()
                        + " to "
                        + sent.get(sent.size() - 1).name()
                        + ")");
        about.setProperty(
                RunManifest.CLIENT,
                "Apache JMeter 5.6.3 embedded (jmeter-java-dsl 2.2), "
                        + System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version")
                        + ", "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores");
        for (Target t : Target.values()) {
            about.setProperty(
                    RunManifest.MEMORY_MB + t.id(),
                    Integer.toString(spec.platform().of(t).memoryMb()));
            about.setProperty(
                    RunManifest.CPUS + t.id(), Double.toString(spec.platform().of(t).cpus()));
            about.setProperty(RunManifest.CPU_RULE + t.id(), spec.platform().of(t).cpu().rule());
            if (t == Target.AWS_LAMBDA) {
                // What the first study's client had to reach: the report sets the client's requests
                // in flight against it.
                about.setProperty(
                        RunManifest.RESERVED_CONCURRENCY + t.id(),
                        Integer.toString(spec.platform().of(t).maxInstances()));
            } else {
                // The report's monthly cost bills these idle all month; Lambda has none
                // (provisioned concurrency is not modelled).
                about.setProperty(
                        RunManifest.MIN_INSTANCES + t.id(),
                        Integer.toString(spec.platform().of(t).scaling().minInstances()));
                // Which unit prices apply: instance-based billing has its own, lower, rates.
                about.setProperty(
                        RunManifest.BILLING + t.id(),
                        spec.platform().of(t).requestBasedBilling()
                                ? RunManifest.BILLING_REQUEST
                                : RunManifest.BILLING_INSTANCE);
            }
        }
        return about;
    }
}
