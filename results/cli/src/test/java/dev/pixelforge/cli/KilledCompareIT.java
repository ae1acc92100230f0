package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.testing.RepositoryRoot;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.standins.StandIns;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./pixelforge compare} killed outright (SIGKILL: no shutdown hook runs) mid-target, then
 * {@code ./pixelforge report} on its folder: a report of what was measured, marked interrupted,
 * with no sample that ended more than a second before the kill missing, and no instance left.
 */
class KilledCompareIT {

    static final Path ROOT = RepositoryRoot.path();
    static final Path RUNS = ItRuns.dir("killed-runs");

    @Test
    void compareKilledMidTarget_reportSaysInterrupted_andKeepsEverySampleOlderThanASecond()
            throws Exception {
        Set<Path> before = runFolders();
        Process cli = startCompare();
        List<ProcessHandle> instances;
        long killedAtMillis;
        Path run;
        try {
            run = awaitRunWithSamples(before, cli, 20);
            instances = cli.toHandle().descendants().toList();
            killedAtMillis = System.currentTimeMillis();
            cli.destroyForcibly();
            assertTrue(cli.waitFor(30, TimeUnit.SECONDS));
        } finally {
            if (cli.isAlive()) {
                cli.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                cli.destroyForcibly();
            }
        }
        StandIns.await(
                "the stand-in's instances died with the command (their guards' pipe closed)",
                Duration.ofSeconds(30),
                () -> instances.stream().noneMatch(ProcessHandle::isAlive));

        assertEquals(
                RunManifest.RUNNING,
                RunManifest.read(run).text(RunManifest.STATE, ""),
                "no hook ran: the folder still says running");
        assertEquals(0, new CommandLine(new PixelForgeCli()).execute("report", run.toString()));

        assertTrue(Files.size(run.resolve(RunLayout.REPORT_HTML)) > 0);
        RunSummary summary = ReportWriter.write(run);
        assertTrue(
                summary.warnings().stream()
                        .anyMatch(
                                w ->
                                        w.startsWith(
                                                "The run was interrupted during container (the"
                                                        + " run's process ended without finishing:"
                                                        + " killed or crashed)")),
                summary.warnings().toString());
        assertTrue(
                Files.readString(run.resolve(RunLayout.REPORT_HTML))
                        .contains("the run's process ended without finishing: killed or crashed"));

        // Every whole line is in the report, and the last of them ended within a second of the
        // kill: the load ran up to the kill (requests of a few ms, two threads), so a sample that
        // ended more than a second before it and is missing would leave the file's last end
        // further back. The samples' own clock, not the test's sleeps.
        AtomicLong lastEndMillis = new AtomicLong();
        long lines =
                SampleLog.read(
                        run.resolve(RunLayout.SAMPLES),
                        s ->
                                lastEndMillis.accumulateAndGet(
                                        s.startEpochMillis() + s.roundTripMicros() / 1000,
                                        Math::max));
        assertEquals(lines, summary.targets().stream().mapToLong(t -> t.allRequests()).sum());
        assertTrue(
                lastEndMillis.get() >= killedAtMillis - 1000,
                "the last sample on disk ended "
                        + (killedAtMillis - lastEndMillis.get())
                        + " ms before the kill");
    }

    @Test
    void compareStoppedByCtrlC_writesTheReportOfWhatWasMeasured_markedInterrupted()
            throws Exception {
        Set<Path> before = runFolders();
        Process cli = startCompare();
        Path run;
        try {
            run = awaitRunWithSamples(before, cli, 20);
            cli.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hooks run
            assertTrue(cli.waitFor(60, TimeUnit.SECONDS), "the hook is bounded in time");
        } finally {
            if (cli.isAlive()) {
                cli.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                cli.destroyForcibly();
            }
        }

        assertEquals(RunManifest.INTERRUPTED, RunManifest.read(run).text(RunManifest.STATE, ""));
        // The hook wrote the report itself, from every sample the load had recorded.
        assertTrue(
                Files.readString(run.resolve(RunLayout.REPORT_HTML))
                        .contains("The run was interrupted during container (Ctrl-C)"));
        long lines = SampleLog.read(run.resolve(RunLayout.SAMPLES), s -> {});
        assertTrue(lines >= 20, lines + " samples");
        assertTrue(
                Files.readString(run.resolve("summary.csv")).contains("container"),
                "the report's table has the target");
    }

    private static Process startCompare() throws IOException {
        String classpath =
                ROOT.resolve("results/cli/target/classes")
                        + File.pathSeparator
                        + Files.readString(ROOT.resolve("results/cli/target/classpath.txt")).trim();
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classpath,
                        "dev.pixelforge.cli.PixelForgeCli",
                        "compare",
                        "--root",
                        ROOT.toString(),
                        "--runs",
                        RUNS.toString(),
                        "--targets",
                        "container",
                        "--duration",
                        "40",
                        "--ramp",
                        "1",
                        "--threads",
                        "2",
                        "--max-image",
                        "640x480",
                        "--dilation",
                        "1")
                .redirectErrorStream(true)
                .redirectOutput(RUNS.resolve("killed-compare.log").toFile())
                .start();
    }

    /** The run folder the command made, once its samples.csv holds {@code lines} samples. */
    private static Path awaitRunWithSamples(Set<Path> before, Process cli, int lines)
            throws Exception {
        Path[] found = new Path[1];
        StandIns.await(
                "compare's samples.csv holds " + lines + " samples (its output: " + RUNS + ")",
                Duration.ofSeconds(120),
                () -> {
                    if (!cli.isAlive()) {
                        throw new IllegalStateException(
                                "compare ended before the kill; see "
                                        + RUNS.resolve("killed-compare.log"));
                    }
                    Optional<Path> run =
                            runFolders().stream().filter(p -> !before.contains(p)).findFirst();
                    run.ifPresent(r -> found[0] = r);
                    return run.map(KilledCompareIT::sampleLines).orElse(0L) >= lines;
                });
        return found[0];
    }

    private static long sampleLines(Path run) {
        try {
            Path samples = run.resolve(RunLayout.SAMPLES);
            return Files.exists(samples) ? SampleLog.read(samples, s -> {}) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Set<Path> runFolders() {
        try (Stream<Path> runs = Files.list(RUNS)) {
            return runs.filter(p -> p.getFileName().toString().endsWith("-quick"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
