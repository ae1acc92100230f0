package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** compare's options fail before anything runs, with a message that says what to fix. */
class CompareOptionsTest {

    @TempDir
    Path runs;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realErr;

    @BeforeEach
    void captureErr() {
        realErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(realErr);
    }

    private int compare(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "compare";
        all[1] = "--runs";
        all[2] = runs.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return new CommandLine(new PixelForgeCli()).execute(all);
    }

    @Test
    void targets_givenAFile_pointsToTargetsFile() throws Exception {
        assertEquals(2, compare("--targets", "results/targets.properties"));
        assertEquals("pixelforge compare: --targets takes names: no target 'results/targets.properties': aws-lambda, gcp-function"
                + " or container; a file of deployed URLs goes to --targets-file\n", err.toString(StandardCharsets.UTF_8));
        try (var made = Files.list(runs)) {
            assertFalse(made.findAny().isPresent(), "no run folder for a run that never started");
        }
    }

    @Test
    void targetsFile_thatIsMissing_failsBeforeAnyRunFolder() throws Exception {
        Path missing = runs.resolve("targets.properties");
        assertEquals(2, compare("--targets-file", missing.toString()));
        assertEquals("pixelforge compare: no targets file " + missing + ": the deploy scripts write results/targets.properties\n",
                err.toString(StandardCharsets.UTF_8));
        try (var made = Files.list(runs)) {
            assertFalse(made.findAny().isPresent());
        }
    }
}
