package dev.pixelforge.report.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.report.HandComputedFixture;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.RunSummary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The client-bound rule at its thresholds, from a hand-made client.csv in the hand-computed run
 * folder through the whole report: CPU at 85% of the cores the client had, GC at 10% of the window,
 * its quota running out in 25% of its periods, one request failed in the client. Each target's
 * window is two rows of 5,000 ms. The header is a run's from before the quota column (a run from
 * then still reads); the quota's tests add it.
 */
class ClientBoundTest {

    private static final String HEADER =
            "target,second,wall_ms,cpu_ms,cores,gc_ms,heap_used_bytes,heap_committed_bytes,"
                    + "heap_max_bytes,threads,client_failures\n";

    @TempDir Path run;

    @Test
    void cpuJustUnder85_gcJustUnder10_noFailures_isNotClientBound() throws IOException {
        Map<String, String> bound =
                report(
                        "aws-lambda,0,5000,4000,1.000,499,1000,2000,4000,30,0\n"
                                + "aws-lambda,1,5000,4499,1.000,500,3000,4000,4000,31,0\n",
                        "");
        assertEquals("false", bound.get("aws-lambda"));
        ClientLoad c = ReportWriter.write(run).client().get("aws-lambda");
        assertEquals(
                List.of(10_000L, 8_499L, 999L, 3000L, 31, 0L),
                List.of(
                        c.wallMillis(),
                        c.cpuMillis(),
                        c.gcMillis(),
                        c.peakHeapUsedBytes(),
                        c.peakThreads(),
                        c.clientFailures()));
    }

    @Test
    void cpuAt85PercentOfAQuotaOfOneTenth_isClientBound_withItsFigure() throws IOException {
        Map<String, String> bound =
                report(
                        "gcp-function,0,5000,425,0.100,0,1,1,1,20,0\n"
                                + "gcp-function,1,5000,425,0.100,0,1,1,1,20,0\n",
                        "");
        assertEquals("true", bound.get("gcp-function"));
        RunSummary summary = ReportWriter.write(run);
        assertTrue(
                summary.warnings()
                        .contains(
                                "gcp-function is client-bound: its CPU was 85% of the 0.1 cores it"
                                        + " had (at or above 85%). Its figures may measure the load"
                                        + " client rather than the target."),
                summary.warnings().toString());
    }

    @Test
    void gcAt10PercentOfTheWindow_isClientBound() throws IOException {
        Map<String, String> bound =
                report(
                        "container,0,5000,100,2.000,500,1,1,1,20,0\n"
                                + "container,1,5000,100,2.000,500,1,1,1,20,0\n",
                        "");
        assertEquals("true", bound.get("container"));
        assertEquals(
                List.of("GC took 10% of the window (at or above 10%)"),
                ReportWriter.write(run).client().get("container").reasons());
    }

    @Test
    void aQuotaRunningOutIn25PercentOfItsPeriods_isClientBound_thoughItsMeanCpuIsLow()
            throws IOException {
        HandComputedFixture.copyTo(run);
        Files.writeString(
                run.resolve("client.csv"),
                HEADER.replace("\n", ",quota_periods,quota_throttled_periods,quota_throttled_ms\n")
                        + "aws-lambda,0,5000,310,0.200,0,1,1,1,20,0,400,100,800\n"
                        + "aws-lambda,1,5000,310,0.200,0,1,1,1,20,0,600,150,1200\n"
                        + "container,0,5000,310,0.200,0,1,1,1,20,0,500,124,992\n"
                        + "container,1,5000,310,0.200,0,1,1,1,20,0,500,125,1000\n");
        Files.writeString(run.resolve("client.properties"), "");
        RunSummary summary = ReportWriter.write(run);

        assertEquals(
                Map.of("aws-lambda", "true", "container", "false", "gcp-function", ""),
                clientBound());
        assertEquals(
                List.of("its CPU quota ran out in 25% of the periods it ran in (at or above 25%)"),
                summary.client().get("aws-lambda").reasons());
        assertEquals(
                0.31,
                summary.client().get("aws-lambda").cpuShare(),
                1e-9,
                "31% of its 0.2 CPU: under the CPU threshold");
        String table = ReportWriter.consoleTable(summary);
        assertTrue(
                table.lines()
                        .anyMatch(
                                l ->
                                        l.trim()
                                                        .startsWith(
                                                                "load client's quota ran out (% of"
                                                                        + " its periods)")
                                                && List.of(l.trim().split("\\s{2,}"))
                                                        .subList(1, 4)
                                                        .equals(List.of("25.0%", "24.9%", "-"))),
                table);
    }

    @Test
    void oneRequestFailedInTheClient_isClientBound_andTheWarningQuotesIt() throws IOException {
        Map<String, String> bound =
                report(
                        "container,0,5000,100,2.000,0,1,1,1,20,0\n"
                                + "container,1,5000,100,2.000,0,1,1,1,20,1\n",
                        "container.first-client-failure=Non HTTP response code\\:"
                                + " java.net.BindException Cannot assign requested address\n"
                                + "container.process=the load client only\n");
        assertEquals("true", bound.get("container"));
        RunSummary summary = ReportWriter.write(run);
        assertTrue(
                summary.warnings()
                        .contains(
                                "container is client-bound: 1 request failed in the client (first:"
                                    + " Non HTTP response code: java.net.BindException Cannot"
                                    + " assign requested address). Its figures may measure the load"
                                    + " client rather than the target (the client's JVM held the"
                                    + " load client only)."),
                summary.warnings().toString());
        String table = ReportWriter.consoleTable(summary);
        // columns aws-lambda, container, gcp-function: only the container's client was watched
        assertTrue(
                table.lines()
                        .anyMatch(
                                l ->
                                        List.of(l.trim().split("\\s+"))
                                                .equals(List.of("client-bound", "-", "yes", "-"))),
                table);
    }

    @Test
    void isolatedClientVsDilatedTarget_isWarnedOfBeingRelativelyStronger_notVsUndilatedOne()
            throws IOException {
        HandComputedFixture.copyTo(run);
        Path about = run.resolve("run.properties");
        Files.writeString(
                about,
                Files.readString(about)
                        + "client-isolation=t3.micro (0.2 CPU, 1 GiB): a cgroup CPU quota of 0.2"
                        + " CPU\n");
        String warning = "The load client's machine is not dilated";
        assertTrue(
                ReportWriter.write(run).warnings().stream().noneMatch(w -> w.startsWith(warning)));

        Files.writeString(about, Files.readString(about) + "dilation.absent-target=4.8\n");
        assertTrue(
                ReportWriter.write(run).warnings().stream().noneMatch(w -> w.startsWith(warning)),
                "a target that did not run");

        Files.writeString(about, Files.readString(about) + "dilation.container=4.8\n");
        assertTrue(
                ReportWriter.write(run).warnings().stream().anyMatch(w -> w.startsWith(warning)));
    }

    @Test
    void inProcessOrRemoteClient_againstADilatedTarget_isNotWarnedOfModellingAMachine()
            throws IOException {
        HandComputedFixture.copyTo(run);
        Path about = run.resolve("run.properties");
        String original = Files.readString(about) + "dilation.container=4.8\n";
        for (String none :
                List.of(
                        "none: the load client ran in the comparison's own JVM, on all 2 cores",
                        "none: the load came from 2 remote JMeter engines (127.0.0.1:1099,"
                                + " 127.0.0.1:1100); client.csv watched the controller only")) {
            Files.writeString(about, original + "client-isolation=" + none + "\n");
            assertTrue(
                    ReportWriter.write(run).warnings().stream()
                            .noneMatch(
                                    w -> w.startsWith("The load client's machine is not dilated")),
                    none);
        }
    }

    @Test
    void aRunWithoutClientCsv_hasEmptyClientColumns_andNoClientRows() throws IOException {
        HandComputedFixture.copyTo(run);
        RunSummary summary = ReportWriter.write(run);
        assertTrue(summary.client().isEmpty());
        assertEquals(Map.of("aws-lambda", "", "gcp-function", "", "container", ""), clientBound());
        assertTrue(
                ReportWriter.consoleTable(summary)
                        .lines()
                        .noneMatch(l -> l.contains("client-bound")));
    }

    /**
     * Writes the client's files into the hand-computed run, makes the report, and returns
     * summary.csv's client_bound per target.
     */
    private Map<String, String> report(String rows, String properties) throws IOException {
        HandComputedFixture.copyTo(run);
        Files.writeString(run.resolve("client.csv"), HEADER + rows);
        Files.writeString(run.resolve("client.properties"), properties);
        ReportWriter.write(run);
        return clientBound();
    }

    private Map<String, String> clientBound() throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("summary.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        assertEquals(
                "client_bound", header.get(header.size() - 1), "client_bound is the last column");
        return lines.stream()
                .skip(1)
                .map(l -> l.split(",", -1))
                .collect(Collectors.toMap(f -> f[0], f -> f[header.size() - 1]));
    }
}
