package dev.pixelforge.load.jmeter;

import dev.pixelforge.core.image.ImageFormat;
import dev.pixelforge.load.client.ClientHost;
import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.sample.SampleLog;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An embedded run of the real load client against a loopback server, sending one tiny tone-json
 * request over and over, into {@code run}'s samples.csv: for the client's own integration tests.
 */
final class OneImageRun {

    private OneImageRun() {}

    static void execute(Path run, URI url, LoadProfile profile, LoadRunner.Outputs outputs)
            throws Exception {
        Files.createDirectories(run.resolve("images/json"));
        Files.writeString(
                run.resolve("images/json/one.json"), "{\"image\":\"\",\"scale\":\"gray\"}");
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
        try (SampleLog log = SampleLog.appendTo(run.resolve("samples.csv"))) {
            LoadRunner.run(
                    "container",
                    url,
                    profile,
                    run,
                    log,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    ClientHost.thisJvm(profile.name()),
                    outputs);
        }
    }
}
