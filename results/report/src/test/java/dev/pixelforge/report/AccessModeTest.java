package dev.pixelforge.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.report.summary.RunSummary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Which access mode each target was measured in, from run.properties, said by the report (in the
 * run's order of targets).
 */
class AccessModeTest {

    @TempDir Path run;

    @Test
    void aPrivateTargetBesidePublicOnes_isNamed_andTheModesAreSaidNotToCompareLikeForLike()
            throws IOException {
        HandComputedFixture.copyTo(run);
        Files.writeString(
                run.resolve("run.properties"),
                "access.aws-lambda=private\naccess.gcp-function=public\naccess.container=public\n",
                StandardOpenOption.APPEND);

        RunSummary summary = ReportWriter.write(run);

        String note =
                "Access measured: aws-lambda private (API key, x-api-key), container public,"
                        + " gcp-function public. A private target's round trips include its"
                        + " credential's check; the targets were measured in different modes, so"
                        + " their overheads are not like for like.";
        assertTrue(summary.warnings().contains(note), summary.warnings().toString());
        assertTrue(Files.readString(run.resolve("summary.md")).contains("> " + note));
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("ran 1.00 times slower (k), access private</dd>"), html);
    }

    @Test
    void everyTargetPrivate_isNamed_withoutTheMixedModesWarning() throws IOException {
        HandComputedFixture.copyTo(run);
        Files.writeString(
                run.resolve("run.properties"),
                "access.aws-lambda=private\n"
                        + "access.gcp-function=private\n"
                        + "access.container=private\n",
                StandardOpenOption.APPEND);

        RunSummary summary = ReportWriter.write(run);

        assertTrue(
                summary.warnings()
                        .contains(
                                "Access measured: aws-lambda private (API key, x-api-key),"
                                        + " container private (identity token, Authorization:"
                                        + " Bearer), gcp-function private (identity token,"
                                        + " Authorization: Bearer). A private target's round trips"
                                        + " include its credential's check."),
                summary.warnings().toString());
    }

    @Test
    void localOrPublicRuns_andOldFolders_sayNothingOfAccess() throws IOException {
        HandComputedFixture.copyTo(run);
        RunSummary old = ReportWriter.write(run);
        assertFalse(old.warnings().stream().anyMatch(w -> w.startsWith("Access measured")));
        Files.writeString(
                run.resolve("run.properties"),
                "access.aws-lambda=local\naccess.gcp-function=local\naccess.container=local\n",
                StandardOpenOption.APPEND);
        RunSummary local = ReportWriter.write(run);
        assertFalse(local.warnings().stream().anyMatch(w -> w.startsWith("Access measured")));
    }
}
