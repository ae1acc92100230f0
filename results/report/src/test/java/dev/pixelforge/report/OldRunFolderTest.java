package dev.pixelforge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.report.format.CsvSummary;
import dev.pixelforge.report.summary.RunSummary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real run folder written by the main code before run.properties had an owner ({@code compare
 * --targets container --threads 2 --duration 10 --ramp 0}, 2026-12-05, a busy 2-core machine): it
 * still loads, and gives the figures the old code wrote into its summary.csv.
 */
class OldRunFolderTest {
    @TempDir Path tmp;

    private Path oldFolder() throws IOException, URISyntaxException {
        Path source = Path.of(getClass().getResource("/runs/old-quick-container").toURI());
        Path copy = tmp.resolve("old-quick-container");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return copy;
    }

    @Test
    void summarizesToTheFiguresTheOldCodeWrote() throws Exception {
        Path dir = oldFolder();
        String before = Files.readString(dir.resolve(RunLayout.SUMMARY_CSV));

        RunSummary run = ReportWriter.summarize(dir);

        // Every figure the old code wrote, by column name; columns added since (egress) are new.
        Map<String, String> old = columns(before);
        Map<String, String> now = columns(CsvSummary.render(run));
        for (Map.Entry<String, String> e : old.entrySet()) {
            assertEquals(e.getValue(), now.get(e.getKey()), e.getKey());
        }
        List<String> added = new ArrayList<>(now.keySet());
        added.removeAll(old.keySet());
        assertEquals(
                List.of(
                        "cloud_seconds",
                        "steady_cloud_seconds",
                        "steady_from_epoch_ms",
                        "startup_requests",
                        "steady_cold_starts",
                        "usd_per_million_egress",
                        "usd_per_million_startup"),
                added);
        // A folder from before phases is all steady state: its figures are the whole window's.
        assertEquals(now.get("cloud_seconds"), now.get("steady_cloud_seconds"));
        assertEquals("0", now.get("startup_requests"));
    }

    /** A one-target summary.csv as column name -> value. */
    private static Map<String, String> columns(String csv) {
        String[] lines = csv.split("\n");
        String[] names = lines[0].split(",", -1);
        String[] values = lines[1].split(",", -1);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], values[i]);
        }
        return out;
    }

    @Test
    void summarizingWritesNothing() throws Exception {
        Path dir = oldFolder();
        Files.delete(dir.resolve(RunLayout.RESULT_CSV));

        ReportWriter.summarize(dir);

        assertFalse(Files.exists(dir.resolve(RunLayout.RESULT_CSV)));
    }

    @Test
    void writeStillWritesTheReportAndResultCsv() throws Exception {
        Path dir = oldFolder();
        String sebs = Files.readString(dir.resolve(RunLayout.RESULT_CSV));

        ReportWriter.write(dir);

        assertTrue(Files.exists(dir.resolve(RunLayout.REPORT_HTML)));
        assertEquals(sebs, Files.readString(dir.resolve(RunLayout.RESULT_CSV)));
    }

    @Test
    void oldSentencesBecomeTypedFacts() throws Exception {
        RunManifest manifest = RunManifest.read(oldFolder());

        assertTrue(manifest.isolation().get().isolated());
        assertEquals(RunManifest.ClientMode.NONE, manifest.clientIsolation().get().mode());
        assertEquals(8.333333333333334, manifest.target("container").dilation());
        assertEquals("quick", manifest.load().profile());
    }
}
