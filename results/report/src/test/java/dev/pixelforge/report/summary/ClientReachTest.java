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

/**
 * Requests in flight by Little's law, on a throttled closed loop of two threads: one thread waits 2
 * s for one success while the other is refused twenty times in 100 ms each. Both threads were busy
 * all the 2 s window, so 2.0 are in flight: every request's round trip counts, refused or not.
 */
class ClientReachTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir Path run;

    @Test
    void aThrottledClosedLoop_hasItsThreadsInFlight_countingTheRefusalsTimeToo()
            throws IOException {
        try (SampleLog log = SampleLog.appendTo(run.resolve("samples.csv"))) {
            log.append(
                    new Sample(
                            T0,
                            "aws-lambda",
                            "tone-json",
                            "025x025-png",
                            200,
                            true,
                            false,
                            100,
                            100,
                            2_000_000,
                            2_000_000,
                            0,
                            1_900_000,
                            10,
                            10,
                            10,
                            true,
                            "env-1"));
            for (int i = 0; i < 20; i++) {
                log.append(
                        new Sample(
                                T0 + i * 100L,
                                "aws-lambda",
                                "tone-json",
                                "025x025-png",
                                500,
                                false,
                                true,
                                36,
                                100,
                                100_000,
                                100_000,
                                0,
                                -1,
                                -1,
                                -1,
                                -1,
                                null,
                                ""));
            }
        }
        Files.writeString(
                run.resolve("client.csv"),
                "target,second,wall_ms,cpu_ms,cores,gc_ms,heap_used_bytes,heap_committed_bytes,"
                        + "heap_max_bytes,threads,client_failures\n"
                        + "aws-lambda,0,2000,100,2.000,0,1,1,1,20,0\n");
        Files.writeString(
                run.resolve("client.properties"), "aws-lambda.threads=2\naws-lambda.ramp-s=0\n");
        Files.writeString(
                run.resolve("run.properties"),
                "profile=quick\nreserved-concurrency.aws-lambda=2\n");

        RunSummary summary = ReportWriter.write(run);
        ClientReach reach =
                ClientReach.of(summary.targets().get(0), summary.client().get("aws-lambda"));

        assertEquals(2.0, reach.inFlight(), 1e-9, "(2,000 ms + 20 x 100 ms) over the 2 s window");
        assertTrue(reach.reachedReservedConcurrency());
    }
}
