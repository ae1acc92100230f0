package dev.pixelforge.standins.process;

import dev.pixelforge.core.image.Channels;
import dev.pixelforge.core.image.ImageEncoder;
import dev.pixelforge.core.image.ImageFormat;
import dev.pixelforge.core.image.Pixels;
import dev.pixelforge.core.probe.LoopbackPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The container's AppCDS archive, as its Dockerfile builds one: the classes a start and a first
 * request load, dumped when a training JVM exits. Made once per jar and reused; without it (any
 * failure) instances simply start without one.
 */
public final class AppCdsArchive {

    private AppCdsArchive() {}

    /** The archive for {@code jar} under {@code dir}, made now if this jar has none yet. */
    public static Optional<Path> forJar(Path jar, Path dir) {
        try {
            Path archive =
                    dir.resolve(
                            "container-"
                                    + Files.size(jar)
                                    + "-"
                                    + Files.getLastModifiedTime(jar).toMillis()
                                    + ".jsa");
            if (Files.size(jar) > 0 && Files.exists(archive) && Files.size(archive) > 0) {
                return Optional.of(archive);
            }
            Files.createDirectories(dir);
            train(jar, archive);
            return Files.exists(archive) && Files.size(archive) > 0
                    ? Optional.of(archive)
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            System.err.println(
                    "no AppCDS archive for the container ("
                            + e.getMessage()
                            + "): instances start without one");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void train(Path jar, Path archive) throws IOException, InterruptedException {
        int port = LoopbackPort.free();
        ProcessBuilder builder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-XX:ArchiveClassesAtExit=" + archive,
                                "-jar",
                                jar.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("PORT", Integer.toString(port)));
        Process jvm = builder.start();
        try {
            LoopbackPort.await(
                    port, Duration.ofSeconds(60), jvm::isAlive, "the AppCDS training JVM");
            // One request, so the classes of a first /tone are in the archive too.
            Pixels tiny = Pixels.blank(8, 8, Channels.BGR);
            byte[] png =
                    new ImageEncoder()
                            .encode(tiny, ImageFormat.PNG, ImageEncoder.DEFAULT_JPEG_QUALITY);
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tone"))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "image/png")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(png))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
        } finally {
            jvm.destroy(); // SIGTERM: the JVM exits normally and writes the archive
            if (!jvm.waitFor(30, TimeUnit.SECONDS)) {
                jvm.destroyForcibly();
            }
        }
    }
}
