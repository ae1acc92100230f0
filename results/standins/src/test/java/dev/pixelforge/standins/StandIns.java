package dev.pixelforge.standins;

import dev.pixelforge.core.testing.RepositoryRoot;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.profile.PlatformProfile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/** Starting stand-ins with a test's own profile, and talking to them. */
public final class StandIns {

    public static final Path ROOT = RepositoryRoot.path();
    public static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private StandIns() {}

    /** A local cloud whose profile is the defaults with {@code settings} applied. */
    public static LocalCloud start(StandInEvents events, Map<String, String> settings)
            throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        PlatformProfile profile = PlatformProfile.from(p);
        Path work = Files.createTempDirectory(ROOT.resolve("results/standins/target"), "standin-");
        return LocalCloud.start(
                Deployables.under(ROOT), profile, work, LocalCloud.Ports.ANY, events);
    }

    public static HttpResponse<String> post(URI base, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(90))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> get(URI base, String path)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(90))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A generate request that keeps an instance busy for a while: real pixel work, no sleep. */
    public static HttpResponse<String> slow(URI base, int images)
            throws IOException, InterruptedException {
        String body = "{\"count\":" + images + ",\"size\":1024,\"seed\":1}";
        return post(base, "/generate", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The longest generate a request may ask for (9 x 2048x2048, just under 40 Mpx): seconds of
     * pixel work.
     */
    public static HttpResponse<String> slowest(URI base) throws IOException, InterruptedException {
        return post(
                base,
                "/generate",
                "application/json",
                "{\"count\":9,\"size\":2048,\"seed\":1}".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits for a condition the stand-ins reach on their own (a reap, a start), failing after
     * {@code within}.
     */
    public static void await(String what, Duration within, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(20); // polling a condition with a deadline, not waiting a fixed time
        }
    }
}
