package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.testing.RepositoryRoot;
import dev.pixelforge.platform.run.RunManifest;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The simulator from the command line: a sweep whose steps are simulated, each size calibrated on
 * its stand-in once and kept for the next sweep; and {@code simulate} with a network preset and a
 * think time, into a run folder that says so.
 */
class SimulateIT {

    static final Path ROOT = RepositoryRoot.path();
    static final Path RUNS = ItRuns.dir("it-simulate");

    private static final String[] SWEEP = {
        "sweep",
        "--root",
        ROOT.toString(),
        "--runs",
        RUNS.toString(),
        "--simulate",
        "--calibration-rounds",
        "1",
        "--calibration-seconds",
        "10",
        "--calibration-warm-seconds",
        "10",
        "--targets",
        "container",
        "--run-sizes",
        "1/512,1/1024",
        "--threads",
        "2",
        "--duration",
        "60",
        "--think-time",
        "50ms",
        "--max-image",
        "640x480",
        "--set",
        "container.max-instances=1"
    };

    @Test
    void sweepSimulate_calibratesEachSizeOnce_andMarksItsStepsSimulated() throws Exception {
        deleteTree(RUNS.resolve("calibration")); // an earlier build's would be kept, and used
        String first = run(SWEEP);
        Path sweep = latest("-sweep-quick");
        List<String> rows = Files.readAllLines(sweep.resolve("sweep.csv"));
        assertEquals(3, rows.size(), String.join("\n", rows));
        int measured = List.of(rows.get(0).split(",")).indexOf("measured");
        for (String row : rows.subList(1, rows.size())) {
            assertEquals("simulated", row.split(",")[measured], row);
        }
        for (String step : List.of("container-1cpu-512mib", "container-1cpu-1024mib")) {
            Properties about = about(sweep.resolve(step));
            assertTrue(about.getProperty(RunManifest.SIMULATED) != null, step);
            assertEquals("50", about.getProperty(RunManifest.THINK_MILLIS), step);
        }
        assertEquals(2, count(first, "calibrated: "), first);

        String again = run(SWEEP);

        assertEquals(0, count(again, "calibrated: "), again);
        assertEquals(2, count(again, "calibration of this size kept: "), again);
    }

    @Test
    void simulate_withAPresetNetworkAndAThinkTime_saysBothInItsRunFolder() throws Exception {
        run(
                "simulate",
                "--root",
                ROOT.toString(),
                "--runs",
                RUNS.toString(),
                "--profile",
                "rando-t3micro",
                "--targets",
                "aws-lambda",
                "--duration",
                "120",
                "--figures",
                "duration=437ms,cold-start=3.8s",
                "--network",
                "t3.micro",
                "--think-time",
                "1s",
                "--set",
                "aws-lambda.reserved-concurrency=10");
        Properties about = about(latest("-rando-t3micro-simulated"));
        assertTrue(
                about.getProperty(RunManifest.SIMULATION_NETWORK).startsWith("t3.micro (rtt=2ms"),
                about.getProperty(RunManifest.SIMULATION_NETWORK));
        assertEquals("1000", about.getProperty(RunManifest.THINK_MILLIS));
    }

    private static String run(String... args) {
        PrintStream real = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new PixelForgeCli()).execute(args);
        } finally {
            System.setOut(real);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        return text;
    }

    private static Path latest(String suffix) throws Exception {
        try (Stream<Path> all = Files.list(RUNS)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .max(Path::compareTo)
                    .orElseThrow();
        }
    }

    private static Properties about(Path runDir) throws Exception {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(runDir.resolve("run.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
