package dev.pixelforge.platform.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

class RunManifestTest {
    @TempDir Path dir;

    @Test
    void roundTripKeepsTypedAndUnknownKeys() throws Exception {
        RunManifest.empty()
                .put(RunManifest.PROFILE, "steady")
                .put(RunManifest.ARRIVALS_RATE, 12.5)
                .put(RunManifest.ARRIVALS_MAX_THREADS, 40L)
                .put(RunManifest.perTarget(RunManifest.DILATION, "aws-lambda"), 1.71)
                .put("phases.warm-up.seconds", "30")
                .isolation(new RunManifest.Isolation(false, "no cgroup v2 here"))
                .write(dir);

        RunManifest read = RunManifest.read(dir);

        assertEquals("steady", read.load().profile());
        assertEquals(Optional.of(12.5), read.load().arrivalsPerSecond());
        assertEquals(Optional.of(40), read.load().arrivalsMaxThreads());
        assertEquals(1.71, read.target("aws-lambda").dilation());
        assertEquals(1.0, read.target("container").dilation());
        assertEquals("30", read.text("phases.warm-up.seconds", "?"));
        assertEquals(new RunManifest.Isolation(false, "no cgroup v2 here"), read.isolation().get());
        assertEquals("false", read.asMap().get(RunManifest.CPU_ISOLATED));
    }

    @Test
    void oldFolderIsolationSentenceBecomesTheBoolean() throws Exception {
        Files.writeString(
                dir.resolve(RunLayout.RUN_PROPERTIES),
                "cpu-isolation=CPU not isolated: no cpu controller\n");
        assertFalse(RunManifest.read(dir).isolation().get().isolated());
        Files.writeString(
                dir.resolve(RunLayout.RUN_PROPERTIES), "cpu-isolation=cgroup v2 cpu.max\n");
        assertTrue(RunManifest.read(dir).isolation().get().isolated());
    }

    @Test
    void clientIsolationIsTypedAndOldSentencesReadBack() throws Exception {
        RunManifest.empty()
                .clientIsolation(
                        new RunManifest.ClientIsolation(
                                RunManifest.ClientMode.NOT_ISOLATED, "t3.micro: CPU quota"))
                .write(dir);
        assertEquals(
                RunManifest.ClientMode.NOT_ISOLATED,
                RunManifest.read(dir).clientIsolation().get().mode());

        assertEquals(RunManifest.ClientMode.NONE, legacyClient("none: in the comparison's JVM"));
        assertEquals(
                RunManifest.ClientMode.NOT_ISOLATED,
                legacyClient("t3.micro (AWS): CPU NOT isolated (no cgroup); memory not limited"));
        assertEquals(
                RunManifest.ClientMode.ISOLATED,
                legacyClient("t3.micro (AWS): a cgroup CPU quota of 2.0 CPU; memory not limited"));
    }

    private RunManifest.ClientMode legacyClient(String sentence) {
        return RunManifest.empty()
                .put(RunManifest.CLIENT_ISOLATION, sentence)
                .clientIsolation()
                .get()
                .mode();
    }

    @Test
    void aFolderWithoutManifestReadsEmpty() throws Exception {
        RunManifest read = RunManifest.read(dir);
        assertTrue(read.asMap().isEmpty());
        assertTrue(read.isolation().isEmpty());
    }

    @Test
    void badNumbersAndBooleansSayWhichKey() {
        RunManifest m = RunManifest.empty().put("cpus.container", "two").put("x", "yes");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> m.number("cpus.container"));
        assertEquals("run.properties: cpus.container is not a number: two", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.flag("x"));
    }

    @Test
    void layoutResolvesInsideTheRunFolder() {
        assertEquals(
                dir.resolve("histograms/aws-lambda.hlog"), RunLayout.histogram(dir, "aws-lambda"));
        assertEquals(
                dir.resolve("jmeter-dashboard/container"), RunLayout.dashboard(dir, "container"));
        assertEquals(dir.resolve("run.properties"), RunLayout.runProperties(dir));
    }
}
