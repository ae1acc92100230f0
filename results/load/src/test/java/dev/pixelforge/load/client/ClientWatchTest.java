package dev.pixelforge.load.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the watch writes, without waiting for its once-a-second ticks: the partial last row is
 * written on close.
 */
class ClientWatchTest {

    @TempDir Path run;

    @Test
    void aWindowWithOneClientFailure_writesARowCountingIt_andTheFailureInTheProperties()
            throws IOException {
        try (ClientWatch watch =
                ClientWatch.start(
                        "container", new ClientHost(1.5, "test", "the test JVM"), run, 4, 1)) {
            watch.begin();
            watch.observe(
                    "Non HTTP response code: java.net.BindException",
                    "Non HTTP response message: Cannot assign requested address");
            watch.observe(
                    "Non HTTP response code: org.apache.http.conn.HttpHostConnectException",
                    "Connection refused");
            watch.observe("200", "OK");
            assertEquals(1, watch.clientFailures());
        }
        List<String> lines = Files.readAllLines(run.resolve("client.csv"));
        assertEquals(ClientWatch.HEADER, lines.get(0));
        long failures =
                lines.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[10])).sum();
        assertEquals(1, failures);
        lines.stream().skip(1).forEach(l -> assertEquals("1.500", l.split(",")[4]));
        Properties p = properties();
        assertEquals("1", p.getProperty("container.client-failures"));
        assertEquals(
                "Non HTTP response code: java.net.BindException Non HTTP response message: Cannot"
                        + " assign requested address",
                p.getProperty("container.first-client-failure"));
        assertEquals("the test JVM", p.getProperty("container.process"));
        assertEquals(
                List.of("4", "1"),
                List.of(p.getProperty("container.threads"), p.getProperty("container.ramp-s")));
    }

    @Test
    void aClientInAQuota_recordsOnlyWhatTheQuotaDidInItsWindow() throws IOException {
        // Its start-up's, before the window: 300 periods, 120 throttled, 500 ms.
        AtomicReference<QuotaUse> quota = new AtomicReference<>(new QuotaUse(300, 120, 500));
        AtomicInteger entered = new AtomicInteger();
        try (ClientWatch watch =
                ClientWatch.start(
                        "container",
                        ClientHost.inQuota(
                                0.2, "the test JVM", quota::get, entered::incrementAndGet),
                        run,
                        4,
                        1)) {
            assertEquals(0, entered.get(), "the start-up runs outside the quota");
            watch.begin();
            watch.begin();
            quota.set(new QuotaUse(1_100, 520, 1_250));
        }
        assertEquals(1, entered.get(), "into the quota once, as the window opens");
        List<String> lines = Files.readAllLines(run.resolve("client.csv"));
        assertEquals(
                List.of(800L, 400L, 750L),
                List.of(11, 12, 13).stream()
                        .map(
                                i ->
                                        lines.stream()
                                                .skip(1)
                                                .mapToLong(l -> Long.parseLong(l.split(",")[i]))
                                                .sum())
                        .toList());
    }

    @Test
    void aWatchThatNeverSawARequest_writesNoRows() throws IOException {
        ClientWatch.start("aws-lambda", new ClientHost(2, "test", "the test JVM"), run, 4, 1)
                .close();
        assertEquals(List.of(ClientWatch.HEADER), Files.readAllLines(run.resolve("client.csv")));
        assertEquals("0", properties().getProperty("aws-lambda.client-failures"));
    }

    private Properties properties() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(run.resolve("client.properties"))) {
            p.load(in);
        }
        return p;
    }
}
