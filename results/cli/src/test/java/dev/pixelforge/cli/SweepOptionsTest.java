package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * sweep refuses what the platforms refuse before anything runs (exit 2, no folder), and its dry run
 * prints every step.
 */
class SweepOptionsTest {

    @TempDir Path runs;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realOut;
    private PrintStream realErr;

    @BeforeEach
    void capture() {
        realOut = System.out;
        realErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(realOut);
        System.setErr(realErr);
    }

    private int sweep(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "sweep";
        all[1] = "--runs";
        all[2] = runs.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return new CommandLine(new PixelForgeCli()).execute(all);
    }

    private void assertNoFolder() throws Exception {
        try (var made = Files.list(runs)) {
            assertFalse(made.findAny().isPresent(), "no folder for a sweep that never started");
        }
    }

    @Test
    void aCloudRunSizeBelowOneCpu_withConcurrency80_isRefusedWithGooglesRule() throws Exception {
        assertEquals(2, sweep("--lambda-memory", "885", "--run-sizes", "0.5/512,1/1024"));
        assertEquals(
                "pixelforge sweep: --run-sizes 0.5 vCPU / 512 MiB: container.cpus=0.5: below 1"
                    + " vCPU, Cloud Run needs container.concurrency=1 (and request-based billing);"
                    + " it is 80\n",
                err.toString(StandardCharsets.UTF_8));
        assertNoFolder();
    }

    @Test
    void noSizes_sayWhichOptionsGiveThem() throws Exception {
        assertEquals(2, sweep());
        assertTrue(
                err.toString(StandardCharsets.UTF_8)
                        .startsWith("pixelforge sweep: give the sizes to sweep: --lambda-memory"));
        assertNoFolder();
    }

    @Test
    void aTargetNamedWithoutSizes_isRefused() throws Exception {
        assertEquals(2, sweep("--targets", "aws-lambda,container", "--lambda-memory", "885"));
        assertEquals(
                "pixelforge sweep: --targets names container but no sizes for it: add"
                        + " --run-sizes\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void balancedWeight_outsideZeroToOne_isRefused() throws Exception {
        assertEquals(2, sweep("--lambda-memory", "885", "--balanced-weight", "-0.1"));
        assertEquals(
                "pixelforge sweep: --balanced-weight is 0 (all speed) to 1 (all cost), was -0.1\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dryRun_printsEachStepWithTheKeysItSets_inTargetsOrder_andMakesNoFolder() throws Exception {
        assertEquals(
                0,
                sweep(
                        "--dry-run",
                        "--targets",
                        "container,aws-lambda",
                        "--set",
                        "container.concurrency=1",
                        "--lambda-memory",
                        "885,1769",
                        "--run-sizes",
                        "0.5/512"));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(
                printed.contains(
                        "== step 1 of 3: container 0.5 vCPU / 512 MiB (0.500 vCPU: Cloud Run: 0.5"
                            + " vCPU as set)\n"
                            + "  local stand-ins of container with --set container.memory-mb=512"
                            + " --set container.cpus=0.5\n"
                            + "== step 2 of 3: aws-lambda 885 MB (0.500 vCPU: Lambda: 885 MB /"
                            + " 1,769 MB per vCPU)\n"
                            + "  local stand-ins of aws-lambda with --set"
                            + " aws-lambda.memory-mb=885\n"
                            + "== step 3 of 3: aws-lambda 1769 MB (1.000 vCPU: Lambda: 1769 MB /"
                            + " 1,769 MB per vCPU)\n"),
                printed);
        assertNoFolder();
    }

    @Test
    void aDeployedTargetsResizeThatFails_endsTheSweepWithOneLineAndExit2_noStackTrace(
            @TempDir Path root) throws Exception {
        Path script =
                Files.createDirectories(root.resolve("aws-lambda/deploy")).resolve("deploy.sh");
        Files.writeString(
                script,
                "#!/bin/sh\necho 'An error occurred (ResourceConflictException)'\nexit 3\n");
        assertTrue(script.toFile().setExecutable(true));
        Path targets =
                Files.writeString(
                        root.resolve("targets.properties"), "aws-lambda=http://127.0.0.1:9/\n");
        assertEquals(
                2,
                sweep(
                        "--root",
                        root.toString(),
                        "--targets-file",
                        targets.toString(),
                        "--lambda-memory",
                        "885"));
        assertEquals(
                "pixelforge sweep: aws-lambda resize to 885 MB failed (exit 3): the sweep stops"
                        + " here\n",
                err.toString(StandardCharsets.UTF_8));
        assertTrue(
                out.toString(StandardCharsets.UTF_8)
                        .contains("An error occurred (ResourceConflictException)"),
                "the script's own output is shown");
    }
}
