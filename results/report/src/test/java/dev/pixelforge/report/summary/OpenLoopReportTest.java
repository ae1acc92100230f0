package dev.pixelforge.report.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.sample.Sample;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.report.ReportWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An open-loop run through the whole report, from a hand-made samples.csv and run.properties: five
 * arrivals planned at 1/s on a target dilated by 2 (so 0.5/s sent here), four sent, two of them
 * late. Round trips are from the intended send time (send lag + JMeter's elapsed); the figures are
 * exact.
 */
class OpenLoopReportTest {

    @TempDir Path run;

    /**
     * A success at second {@code s}, {@code elapsedMs} in flight, having left {@code lagMs} late.
     */
    private static Sample sample(int s, long elapsedMs, long lagMs) {
        return new Sample(
                1_700_000_000_000L + s * 1000L,
                "container",
                "tone",
                "25x25-png",
                200,
                true,
                false,
                100,
                100,
                elapsedMs * 1000,
                elapsedMs * 1000,
                0,
                1000,
                100,
                100,
                100,
                s == 0,
                "c1",
                "",
                lagMs * 1000);
    }

    private void write(List<Sample> samples) throws IOException {
        try (SampleLog log = SampleLog.appendTo(run.resolve("samples.csv"))) {
            samples.forEach(log::append);
        }
        Files.writeString(
                run.resolve("run.properties"),
                String.join(
                        "\n",
                        "profile=quick",
                        "dilation.container=2.0",
                        "arrivals=1 req/s for 5 s",
                        "arrivals.rate=1.0",
                        "arrivals.max-threads=4",
                        "arrivals.container.sent=0.5 req/s for 5 s",
                        "arrivals.container.planned=5",
                        "arrivals.container.seconds=5",
                        "arrivals.container.rate=1.0",
                        ""));
    }

    @Test
    void openLoop_roundTripsFromTheIntendedSendTime_lateArrivalsCounted_whatWasSentSaid()
            throws IOException {
        write(List.of(sample(0, 10, 0), sample(1, 20, 0), sample(2, 30, 40), sample(3, 40, 160)));

        RunSummary summary = ReportWriter.write(run);

        TargetSummary t = summary.targets().get(0);
        assertEquals(new Arrivals(t.arrivals().plan(), 4, 2, t.arrivals().sendLag()), t.arrivals());
        assertEquals(1, t.arrivals().notSent());
        assertEquals(0.8, t.arrivals().achievedPerSecond(), 1e-12);
        assertEquals(
                List.of(10_000L, 20_000L, 70_000L, 200_000L),
                Arrays.stream(t.roundTripSorted()).boxed().toList(),
                "elapsed + send lag: 30 + 40 and 40 + 160 ms");
        assertEquals(160_000L, t.arrivals().sendLag().max());
        assertEquals(
                100_000L,
                t.perSecond().stream().mapToLong(TargetSummary.Second::inFlightMicros).sum(),
                "in flight from the send, for Little's law: 10 + 20 + 30 + 40 ms");

        Map<String, String> csv = csvRow();
        assertEquals("5", csv.get("arrivals_planned"));
        assertEquals("4", csv.get("arrivals_sent"));
        assertEquals("2", csv.get("late_arrivals"));
        assertEquals("1", csv.get("arrivals_not_sent"));
        assertEquals("160000", csv.get("send_lag_max_us"));
        assertEquals("0.800", csv.get("arrival_rate_achieved_rps"));
        assertEquals("intended_send", csv.get("round_trip_from"));
        assertEquals("20000", csv.get("round_trip_p50_us"));

        assertTrue(
                summary.warnings()
                        .contains(
                                "container ran dilated (k = 2.00), so it was sent 0.5 req/s for 5"
                                    + " s: the rate asked for (1 req/s for 5 s) divided by k, which"
                                    + " cloud-equivalent is the rate asked for."),
                summary.warnings().toString());
        assertTrue(
                summary.warnings()
                        .contains(
                                "container: 2 of 4 arrivals (50.00%) left late, up to 160 ms after"
                                    + " they were due: none of the 4 load threads was free in time,"
                                    + " or the one that was woke late, short of CPU (the load"
                                    + " client's rows say how busy it was). Its round trips are"
                                    + " from the intended send time, so that wait is in them; more"
                                    + " threads (--max-threads) send them on time if the target can"
                                    + " take more requests at once."),
                summary.warnings().toString());
        assertTrue(
                summary.warnings()
                        .contains(
                                "container: 1 of the 5 arrivals planned were never sent: still"
                                    + " waiting for a free thread when the run ended, a few seconds"
                                    + " after the schedule."),
                summary.warnings().toString());
        String md = Files.readString(run.resolve("summary.md"));
        assertTrue(md.contains("| round trip from intended send p50 (ms) |"), md);
        assertTrue(md.contains("| cold start round trip from intended send p50 (ms) |"), md);
        assertTrue(
                md.contains("\n| round trip from intended send | container | ")
                        && md.contains(
                                "\n| cold start round trip from intended send | container | "),
                "the timing table names them as the side-by-side table does: " + md);
        assertTrue(md.contains("| late arrivals (left 1 ms or more after due) | 2 (50.00%) |"), md);
        assertTrue(md.contains("| rate achieved, cloud-equivalent (sent/s) | 1.60 |"), md);
    }

    @Test
    void closedLoop_hasNoOpenLoopRows_andEmptyColumns() throws IOException {
        try (SampleLog log = SampleLog.appendTo(run.resolve("samples.csv"))) {
            log.append(
                    new Sample(
                            1_700_000_000_000L,
                            "container",
                            "tone",
                            "25x25-png",
                            200,
                            true,
                            false,
                            100,
                            100,
                            10_000,
                            10_000,
                            0,
                            1000,
                            100,
                            100,
                            100,
                            true,
                            "c1"));
        }
        RunSummary summary = ReportWriter.write(run);
        assertEquals(Arrivals.CLOSED_LOOP, summary.targets().get(0).arrivals());
        Map<String, String> csv = csvRow();
        assertEquals("", csv.get("late_arrivals"));
        assertEquals("send", csv.get("round_trip_from"));
        String md = Files.readString(run.resolve("summary.md"));
        assertTrue(md.contains("| round trip p50 (ms) |") && !md.contains("arrivals"), md);
    }

    private Map<String, String> csvRow() throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("summary.csv"));
        String[] header = lines.get(0).split(",", -1);
        String[] row = lines.get(1).split(",", -1);
        assertEquals(header.length, row.length);
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            out.put(header[i], row[i]);
        }
        return out;
    }
}
