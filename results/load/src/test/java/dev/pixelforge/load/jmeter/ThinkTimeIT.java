package dev.pixelforge.load.jmeter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;

import dev.pixelforge.core.image.ImageFormat;
import dev.pixelforge.load.client.ClientHost;
import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.sample.SampleLog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
            Files.createDirectories(run.resolve("images/json"));
            Files.writeString(run.resolve("images/json/one.json"), "{\"scale\":\"gray\"}");
            LoadPlan.writeCsv(
                    run,
                    List.of(
                            new StudyImage(
                                    "one",
                                    1,
                                    1,
                                    ImageFormat.PNG,
                                    run.resolve("images/one.png"),
                                    run.resolve("images/json/one.json"),
                                    1)));
            LoadProfile profile =
                    new LoadProfile("think", 1, 0, 8, Operation.TONE_JSON, Long.MAX_VALUE)
                            .withThinkMillis(PAUSE_MS);
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            try (SampleLog log = SampleLog.appendTo(run.resolve("samples.csv"))) {
                LoadRunner.run(
                        "container",
                        url,
                        profile,
                        run,
                        log,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        ClientHost.thisJvm("ThinkTimeIT"),
                        LoadRunner.Outputs.SAMPLES_ONLY);
            }
        } finally {
            server.stop(0);
        }

        // JMeter's own start takes a second or two of the window, so how many is not certain;
        // at most eleven is (8 s / 700 ms), and two make the gap between them a test.
        assertTrue(
                arrivals.size() >= 2 && arrivals.size() <= 11,
                arrivals.size() + " requests in 8 s, each after a 700 ms pause");
        for (int i = 1; i < arrivals.size(); i++) {
            long gapMs = (arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000;
            assertTrue(gapMs >= PAUSE_MS, "requests " + gapMs + " ms apart");
        }
    }
}
