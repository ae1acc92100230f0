package dev.pixelforge.load.jmeter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;

import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.load.profile.Operation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code --think-time} in a real embedded JMeter run: one thread against a loopback server that
 * answers at once, pausing 700 ms before each request. Asserted: what a pause makes certain (no two
 * requests closer than the pause, so at most four in the window's 3 s), not how long JMeter took to
 * start or to stop.
 */
class ThinkTimeIT {

    private static final long PAUSE_MS = 700;

    @TempDir Path run;

    @Test
    void aThinkTime_pausesEachThreadBeforeEveryRequest() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/tone",
                exchange -> {
                    arrivals.add(System.nanoTime());
                    exchange.getRequestBody().readAllBytes();
                    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        try {
            OneImageRun.execute(
                    run,
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    new LoadProfile("think", 1, 0, 8, Operation.TONE_JSON, Long.MAX_VALUE)
                            .withThinkMillis(PAUSE_MS),
                    LoadRunner.Outputs.SAMPLES_ONLY);
        } finally {
            server.stop(0);
        }

        // How many is not certain (JMeter's own start, and a busy machine, take part of the
        // window); at most eleven is (8 s / 700 ms), and no two closer than the pause. Without
        // the pause a thread sends every few milliseconds here, and both fail.
        assertTrue(
                !arrivals.isEmpty() && arrivals.size() <= 11,
                arrivals.size() + " requests in 8 s, each after a 700 ms pause");
        for (int i = 1; i < arrivals.size(); i++) {
            long gapMs = (arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000;
            assertTrue(gapMs >= PAUSE_MS, "requests " + gapMs + " ms apart");
        }
    }
}
