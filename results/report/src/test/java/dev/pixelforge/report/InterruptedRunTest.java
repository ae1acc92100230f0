package dev.pixelforge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.report.summary.RunSummary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A run killed mid-target: the report is of what reached the disk, and says so. */
class InterruptedRunTest {

    @TempDir Path run;

    @Test
    void aRunKilledWhileWriting_isReported_cutLineLeftOut_andMarkedUnfinished() throws IOException {
        HandComputedFixture.copyTo(run);
        long whole = SampleLog.read(run.resolve("samples.csv"), s -> {});
        Files.writeString(
                run.resolve("samples.csv"),
                "1700000099000,container,ton",
                StandardOpenOption.APPEND);
        Files.writeString(
                run.resolve("run.properties"),
                "state=running\ncurrent-target=container\n",
                StandardOpenOption.APPEND);

        RunSummary summary = ReportWriter.write(run);

        assertEquals(
                whole,
                summary.targets().stream().mapToLong(t -> t.allRequests()).sum(),
                "every whole line, and not the cut one");
        assertEquals(
                "samples.csv ends mid-line: the run was cut while writing it; its last, cut line"
                        + " is left out.",
                summary.warnings().get(0));
        assertTrue(
                summary.warnings()
                        .get(1)
                        .startsWith(
                                "The run did not finish: run.properties still"
                                        + " says it was running during container"),
                summary.warnings().get(1));
        assertTrue(Files.readString(run.resolve("report.html")).contains("did not finish"));
    }

    @Test
    void aRunStillMarkedRunning_whoseProcessIsGone_isReportedInterrupted()
            throws IOException, InterruptedException {
        HandComputedFixture.copyTo(run);
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String started =
                ended.info().startInstant().map(t -> Long.toString(t.toEpochMilli())).orElse("1");
        Files.writeString(
                run.resolve("run.properties"),
                "state=running\ncurrent-target=container\npid="
                        + ended.pid()
                        + "\npid.start-epoch-ms="
                        + started
                        + "\n",
                StandardOpenOption.APPEND);

        RunSummary summary = ReportWriter.write(run);

        assertEquals(
                "The run was interrupted during container (the run's process ended without"
                        + " finishing: killed or crashed). This is a report of what reached the"
                        + " disk; the last target's figures stop where it stopped.",
                summary.warnings().get(0));
    }

    @Test
    void aRunMarkedRunning_whoseProcessIsAlive_isReportedAsStillRunning() throws IOException {
        HandComputedFixture.copyTo(run);
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(
                run.resolve("run.properties"),
                "state=running\npid="
                        + self.pid()
                        + "\npid.start-epoch-ms="
                        + self.info().startInstant().orElseThrow().toEpochMilli()
                        + "\n",
                StandardOpenOption.APPEND);

        RunSummary summary = ReportWriter.write(run);

        assertTrue(summary.warnings().get(0).startsWith("The run is still running"));
    }

    @Test
    void aRunInterruptedByCtrlC_saysSo() throws IOException {
        HandComputedFixture.copyTo(run);
        Files.writeString(
                run.resolve("run.properties"),
                "state=interrupted\ncurrent-target=gcp-function\n",
                StandardOpenOption.APPEND);

        RunSummary summary = ReportWriter.write(run);

        assertEquals(
                "The run was interrupted during gcp-function (Ctrl-C). This is a report of what was"
                        + " measured until then.",
                summary.warnings().get(0));
    }
}
