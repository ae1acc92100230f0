package dev.pixelforge.report.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.report.HandComputedFixture;
import dev.pixelforge.report.ReportWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * report.html's first screen: the answer and its two charts before any table, the settings in words
 * a person reads, the full manifest folded away.
 */
class FirstScreenTest {

    @TempDir Path run;

    @Test
    void verdictAndItsTwoCharts_comeFirst_settingsAreShort_theManifestIsFolded()
            throws IOException {
        HandComputedFixture.copyTo(run);
        Files.writeString(
                run.resolve("run.properties"),
                "dilation.container=4.823817599397023\n",
                StandardOpenOption.APPEND);
        ReportWriter.write(run);
        String html = Files.readString(run.resolve("report.html"));

        int phase = html.indexOf("Drawn from each target's steady state, in cloud seconds:");
        int verdict = html.indexOf("<table class=\"verdict\">");
        int latency = html.indexOf("data-chart=\"round-trip-cdf\"");
        int monthly = html.indexOf("data-chart=\"monthly-cost\"");
        int settings = html.indexOf("<dl class=\"settings\">");
        int manifest = html.indexOf("<details><summary>The full run manifest");
        int table = html.indexOf("<h2>Side by side</h2>");
        assertTrue(phase > 0, "the phase line");
        assertTrue(phase < verdict && verdict < latency && latency < monthly, html);
        assertTrue(monthly < settings && settings < manifest && manifest < table, html);
        assertEquals(1, html.split("data-chart=\"monthly-cost\"", -1).length - 1, "shown once");

        String shown = html.substring(settings, manifest);
        assertTrue(shown.contains("ran 4.82 times slower (k)"), shown);
        assertFalse(shown.contains("4.823817599397023"), "no raw float on the first screen");
        assertTrue(html.substring(manifest, table).contains("4.823817599397023"), "folded away");
    }
}
