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

/** compare's options fail before anything runs, with a message that says what to fix. */
class CompareOptionsTest {

    @TempDir Path runs;

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
    void thinkTime_withARate_isRefused_andABadOneSaysWhatItTakes() throws Exception {
        assertEquals(2, compare("--rate", "10", "--think-time", "100ms"));
        assertEquals(
                "pixelforge compare: --think-time is for a closed loop: with --rate requests leave"
                        + " on the schedule, whatever the answers\n",
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, compare("--think-time", "soon"));
        assertTrue(
                err.toString(StandardCharsets.UTF_8).startsWith("pixelforge compare: "),
                err.toString(StandardCharsets.UTF_8));
        try (var made = Files.list(runs)) {
            assertFalse(made.findAny().isPresent(), "no run folder for a run that never started");
        }
    }

    @Test
    void targets_givenAFile_pointsToTargetsFile() throws Exception {
        assertEquals(2, compare("--targets", "results/targets.properties"));
        assertEquals(
                "pixelforge compare: --targets takes names: no target 'results/targets.properties':"
                        + " aws-lambda, gcp-function or container; a file of deployed URLs goes to"
                        + " --targets-file\n",
                err.toString(StandardCharsets.UTF_8));
        try (var made = Files.list(runs)) {
            assertFalse(made.findAny().isPresent(), "no run folder for a run that never started");
        }
    }

    @Test
    void targetsFile_thatIsMissing_failsBeforeAnyRunFolder() throws Exception {
        Path missing = runs.resolve("targets.properties");
        assertEquals(2, compare("--targets-file", missing.toString()));
        assertEquals(
                "pixelforge compare: no targets file "
                        + missing
                        + ": the deploy scripts write results/targets.properties\n",
                err.toString(StandardCharsets.UTF_8));
        try (var made = Files.list(runs)) {
            assertFalse(made.findAny().isPresent());
        }
    }

    @Test
    void rate_thatIsNotANumber_saysWhatToWrite() throws Exception {
        assertEquals(2, compare("--rate", "abc"));
        assertEquals(
                "pixelforge compare: --rate takes requests per second, e.g. 20, or steps"
                        + " RATE:SECONDS such as 10:60s,50:60s; 'abc' is neither\n",
                err.toString(StandardCharsets.UTF_8));
        assertNoRunFolder();
    }

    @Test
    void rate_withThreads_isRefused_oneLoopOrTheOther() throws Exception {
        assertEquals(2, compare("--rate", "20", "--threads", "5"));
        assertEquals(
                "pixelforge compare: --rate sends at a fixed arrival rate, --threads with a fixed"
                    + " number of threads: give one or the other (--max-threads caps an open-loop"
                    + " run's threads)\n",
                err.toString(StandardCharsets.UTF_8));
        assertNoRunFolder();
    }

    @Test
    void rateSteps_thatDoNotParse_orThatClashWithDuration_areRefused() throws Exception {
        assertEquals(2, compare("--rate", "10:60s,50"));
        assertEquals(2, compare("--rate", "10:60s,50:60s", "--duration", "30"));
        assertEquals(2, compare("--rate", "20", "--ramp", "5"));
        assertEquals(
                "pixelforge compare: --rate with several steps needs each one's duration, e.g."
                    + " 10:60s,50:60s; '50' has none\n"
                    + "pixelforge compare: --rate 10:60s,50:60s gives its own durations: leave out"
                    + " --duration\n"
                    + "pixelforge compare: --rate has no ramp-up: steps such as 5:30s,20:60s ramp"
                    + " an open-loop run\n",
                err.toString(StandardCharsets.UTF_8));
        assertNoRunFolder();
    }

    @Test
    void engines_withoutAPort_failsBeforeAnyRunFolder() throws Exception {
        assertEquals(2, compare("--engines", "10.0.1.5", "--no-engine-ssl"));
        assertEquals(
                "pixelforge compare: --engines takes host:port,host:port (the line ./pixelforge"
                        + " engine prints), not '10.0.1.5'\n",
                err.toString(StandardCharsets.UTF_8));
        assertNoRunFolder();
    }

    @Test
    void engines_withFewerThreadsThanEngines_failsBeforeAnyRunFolder() throws Exception {
        assertEquals(
                2,
                compare(
                        "--engines",
                        "127.0.0.1:1099,127.0.0.1:2099,127.0.0.1:3099",
                        "--no-engine-ssl",
                        "--threads",
                        "2"));
        assertEquals(
                "pixelforge compare: 2 threads cannot be divided among 3 engines: give at least one"
                        + " thread per engine (--threads 3)\n",
                err.toString(StandardCharsets.UTF_8));
        assertNoRunFolder();
    }

    @Test
    void engines_withAClientMachine_isRefused() throws Exception {
        assertEquals(
                2,
                compare("--engines", "127.0.0.1:1099", "--no-engine-ssl", "--client", "t3.micro"));
        assertEquals(
                "pixelforge compare: --engines make the load on their own machines: --client and"
                        + " --client-cpus model one machine, give one or the other\n",
                err.toString(StandardCharsets.UTF_8));
        assertNoRunFolder();
    }

    @Test
    void engines_withSslAndNoKeystore_saysWhereItComesFrom() throws Exception {
        Path missing = runs.resolve("rmi_keystore.jks");
        assertEquals(2, compare("--engines", "a:1099", "--engine-keystore", missing.toString()));
        assertEquals(
                "pixelforge compare: no RMI keystore at "
                        + missing
                        + ": copy the one ./pixelforge engine made (it prints where) and give it"
                        + " with --engine-keystore, or use --no-engine-ssl with engines started"
                        + " with --no-ssl\n",
                err.toString(StandardCharsets.UTF_8));
        assertNoRunFolder();
    }

    @Test
    void engines_onAHostThisMachineCannotResolve_isSaid() throws Exception {
        assertEquals(2, compare("--engines", "no-such-engine.invalid:1099", "--no-engine-ssl"));
        assertEquals(
                "pixelforge compare: --engines names no-such-engine.invalid:1099, and this machine"
                        + " cannot resolve no-such-engine.invalid\n",
                err.toString(StandardCharsets.UTF_8));
        assertNoRunFolder();
    }

    @Test
    void engines_withRate_isRefused() throws Exception {
        assertEquals(2, compare("--engines", "127.0.0.1:1099", "--no-engine-ssl", "--rate", "20"));
        assertEquals(
                "pixelforge compare: --rate runs in this JVM only: remote engines (--engines) run"
                        + " closed loop, with --threads\n",
                err.toString(StandardCharsets.UTF_8));
        assertNoRunFolder();
    }

    @Test
    void engineOptions_withoutEngines_areRefused() throws Exception {
        assertEquals(2, compare("--controller-port", "4000"));
        assertEquals(
                "pixelforge compare: --engine-keystore, --no-engine-ssl, --controller-hostname and"
                        + " --controller-port go with --engines\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void maxThreads_withoutRate_orNotANumber_isRefused() throws Exception {
        assertEquals(2, compare("--max-threads", "8"));
        assertEquals(
                "pixelforge compare: --max-threads goes with --rate (a closed-loop run's threads"
                        + " are --threads)\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(
                2,
                compare("--rate", "20", "--max-threads", "lots"),
                "picocli's own refusal, exit code 2 too");
        assertEquals(2, compare("--rate", "20", "--max-threads", "0"));
        assertNoRunFolder();
    }

    private void assertNoRunFolder() throws Exception {
        try (var made = Files.list(runs)) {
            assertFalse(made.findAny().isPresent(), "no run folder for a run that never started");
        }
    }
}
