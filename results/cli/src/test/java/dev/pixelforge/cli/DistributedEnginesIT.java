package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.cli.engines.EngineProcess;
import dev.pixelforge.core.testing.RepositoryRoot;
import dev.pixelforge.load.engines.Keystore;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.sample.Sample;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.standins.LocalCloud;
import dev.pixelforge.standins.StandIns;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Two remote JMeter engines on loopback, each a process of its own started as {@code ./pixelforge
 * engine} starts one, over RMI with SSL (the first engine makes the keystore, the second and the
 * controller use it): one short compare on the container stand-in gathers both engines' samples
 * into one samples.csv.
 */
class DistributedEnginesIT {

    static final Path ROOT = RepositoryRoot.path();

    /**
     * One keystore path and SSL on for every test here: JMeter reads its RMI settings once per JVM
     * ({@code RmiUtils}' constants), and the tests share this one.
     */
    static final Path KEYSTORE = ROOT.resolve("results/cli/target/it-engines/rmi_keystore.jks");

    /** One runs folder for every test: each makes the image set once per runs folder. */
    static final Path RUNS = ItRuns.dir("it-engines/runs");

    @Test
    void compareOnTwoEngines_recordsEverySampleWithItsEngine_andDividesTheThreads()
            throws Exception {
        Path work = Files.createDirectories(ROOT.resolve("results/cli/target/it-engines"));
        Path keystore = KEYSTORE;
        Files.deleteIfExists(keystore); // the first engine makes it
        Path runs = RUNS;
        try (EngineProcess first = EngineProcess.start(ROOT, "--keystore", keystore.toString())) {
            first.awaitReady();
            assertTrue(
                    first.output().contains("made the RMI keystore " + keystore), first.output());
            try (EngineProcess second =
                    EngineProcess.start(ROOT, "--keystore", keystore.toString())) {
                assertEquals(
                        "give compare: --engines " + second.id() + " --engine-keystore " + keystore,
                        second.awaitReady());
                int exit =
                        new CommandLine(new PixelForgeCli())
                                .execute(
                                        "compare",
                                        "--root",
                                        ROOT.toString(),
                                        "--runs",
                                        runs.toString(),
                                        "--engines",
                                        first.id() + "," + second.id(),
                                        "--engine-keystore",
                                        keystore.toString(),
                                        "--duration",
                                        "8",
                                        "--ramp",
                                        "1",
                                        "--threads",
                                        "3",
                                        "--max-image",
                                        "640x480",
                                        "--targets",
                                        "container",
                                        "--dilation",
                                        "1",
                                        "--no-jmeter-dashboard");
                assertEquals(0, exit, "engines' output:\n" + first.output() + second.output());

                Path run = latest(runs);
                Map<String, Long> perEngine = new TreeMap<>();
                long samples =
                        SampleLog.read(
                                run.resolve("samples.csv"),
                                (Sample s) -> perEngine.merge(s.engine(), 1L, Long::sum));
                System.out.printf("two engines: %d samples, %s%n", samples, perEngine);
                assertEquals(
                        Set.of(first.id(), second.id()),
                        perEngine.keySet(),
                        "every sample names one of the two engines, and both sent some");
                assertEquals(samples, perEngine.values().stream().mapToLong(Long::longValue).sum());

                Properties about = properties(run.resolve("run.properties"));
                assertEquals(
                        "3 threads over 2 engines, uneven: 2 on "
                                + first.id()
                                + ", 1 on "
                                + second.id(),
                        about.getProperty("engine-threads"));
                assertEquals("2", about.getProperty("engine-threads." + first.id()));
                assertEquals("1", about.getProperty("engine-threads." + second.id()));
                // What the engines really ran: the distinct threads each sent samples from (every
                // thread sends in 8 s).
                assertEquals("2", about.getProperty("engine-threads-seen.container." + first.id()));
                assertEquals(
                        "1", about.getProperty("engine-threads-seen.container." + second.id()));
                // Both engines are ./pixelforge engine processes on this machine: their CPU is
                // read.
                for (EngineProcess e : List.of(first, second)) {
                    String cpu = about.getProperty("engine-cpu.container." + e.id());
                    assertTrue(
                            cpu.matches(
                                    "\\d+% of "
                                            + Runtime.getRuntime().availableProcessors()
                                            + " cores.*"),
                            cpu);
                }
            }
        }
    }

    /**
     * A private target through an engine: the key reaches the engine as one of the plan's JMeter
     * properties over RMI, every request it sends carries it, and neither the run folder nor the
     * engine's output holds it (a ./pixelforge engine logs errors only, so JMeter's "Applying
     * properties" line is never printed).
     */
    @Test
    void compareOnAnEngine_againstAPrivateTarget_theEngineSendsTheKey_writtenNowhere()
            throws Exception {
        Path work = Files.createDirectories(ROOT.resolve("results/cli/target/it-engines-private"));
        Keystore.ensure(KEYSTORE);
        try (LocalCloud cloud =
                        StandIns.start(
                                StandInEvents.NONE, Map.of("aws-lambda.api-key-required", "true"));
                EngineProcess engine =
                        EngineProcess.start(ROOT, "--keystore", KEYSTORE.toString())) {
            URI url = cloud.url(Target.AWS_LAMBDA);
            String key = cloud.apiKey().orElseThrow();
            // One warm environment: the window's requests are then certain to be answered.
            assertEquals(
                    200,
                    StandIns.HTTP
                            .send(
                                    HttpRequest.newBuilder(url.resolve("/health"))
                                            .header("x-api-key", key)
                                            .timeout(Duration.ofSeconds(90))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode());
            Path targets =
                    Files.writeString(
                            work.resolve("targets.properties"),
                            "aws-lambda=" + url + "\naws-lambda.access=private\n");
            Path secrets = work.resolve("targets.properties.secrets");
            Files.writeString(secrets, "aws-lambda.api-key=" + key + "\n");
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
            engine.awaitReady();
            Path runs = ItRuns.dir("it-engines-private/runs");
            int exit =
                    new CommandLine(new PixelForgeCli())
                            .execute(
                                    "compare",
                                    "--root",
                                    ROOT.toString(),
                                    "--runs",
                                    runs.toString(),
                                    "--engines",
                                    engine.id(),
                                    "--engine-keystore",
                                    KEYSTORE.toString(),
                                    "--targets-file",
                                    targets.toString(),
                                    "--duration",
                                    "3",
                                    "--ramp",
                                    "0",
                                    "--threads",
                                    "1",
                                    "--max-image",
                                    "320x240");
            assertEquals(0, exit, "engine's output:\n" + engine.output());
            Path run = latest(runs);
            List<Sample> samples = new ArrayList<>();
            SampleLog.read(run.resolve("samples.csv"), samples::add);
            assertTrue(!samples.isEmpty(), "the engine sent no request");
            for (Sample s : samples) {
                assertEquals(200, s.status(), s.toString());
                assertEquals(engine.id(), s.engine());
            }
            assertEquals(
                    "private",
                    properties(run.resolve("run.properties")).getProperty("access.aws-lambda"));
            assertEquals(List.of(), PrivateApiIT.filesHolding(run, key));
            assertTrue(!engine.output().contains(key), "the engine printed the key");
        }
    }

    @Test
    void compareOnAnEngineNobodyRuns_exits2_withWhatToDo() throws Exception {
        Path work = Files.createDirectories(ROOT.resolve("results/cli/target/it-engines-none"));
        Keystore.ensure(KEYSTORE);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        int exit;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit =
                    new CommandLine(new PixelForgeCli())
                            .execute(
                                    "compare",
                                    "--root",
                                    ROOT.toString(),
                                    "--runs",
                                    RUNS.toString(),
                                    "--engines",
                                    "127.0.0.1:" + port,
                                    "--engine-keystore",
                                    KEYSTORE.toString(),
                                    "--duration",
                                    "2",
                                    "--ramp",
                                    "1",
                                    "--threads",
                                    "1",
                                    "--max-image",
                                    "640x480",
                                    "--targets",
                                    "container",
                                    "--dilation",
                                    "1",
                                    "--no-jmeter-dashboard");
        } finally {
            System.setErr(before);
        }
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, said);
        assertTrue(
                said.contains("pixelforge compare: no JMeter engine answers on 127.0.0.1:" + port),
                said);
        assertTrue(!said.contains("\tat "), "no stack trace: " + said);
    }

    /**
     * An engine still holding another controller's test (that controller killed, as when a run is
     * cut short): JMeter answers "Engine is busy", and compare says so and exits 2. The other
     * test's target accepts connections and never answers, so its engine stays busy and idle.
     */
    @Test
    void compareOnAnEngineBusyWithAnotherTest_exits2_sayingSo() throws Exception {
        Path work = Files.createDirectories(ROOT.resolve("results/cli/target/it-engines-busy"));
        Keystore.ensure(KEYSTORE);
        try (ServerSocket silent = new ServerSocket(0);
                EngineProcess engine =
                        EngineProcess.start(ROOT, "--keystore", KEYSTORE.toString())) {
            Path targets = work.resolve("targets.properties");
            Files.writeString(
                    targets, "container=http://127.0.0.1:" + silent.getLocalPort() + "\n");
            engine.awaitReady();
            List<String> other =
                    List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.pixelforge.cli.PixelForgeCli",
                            "compare",
                            "--root",
                            ROOT.toString(),
                            "--runs",
                            RUNS.toString(),
                            "--targets-file",
                            targets.toString(),
                            "--engines",
                            engine.id(),
                            "--engine-keystore",
                            KEYSTORE.toString(),
                            "--duration",
                            "30",
                            "--ramp",
                            "1",
                            "--threads",
                            "1",
                            "--max-image",
                            "640x480",
                            "--no-jmeter-dashboard");
            Process otherController =
                    new ProcessBuilder(other)
                            .redirectErrorStream(true)
                            .redirectOutput(work.resolve("other.log").toFile())
                            .start();
            try {
                engine.awaitTestStarted();
            } finally {
                otherController.destroyForcibly().waitFor(); // its test stays on the engine
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream before = System.err;
            int exit;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                exit =
                        new CommandLine(new PixelForgeCli())
                                .execute(
                                        "compare",
                                        "--root",
                                        ROOT.toString(),
                                        "--runs",
                                        RUNS.toString(),
                                        "--targets-file",
                                        targets.toString(),
                                        "--engines",
                                        engine.id(),
                                        "--engine-keystore",
                                        KEYSTORE.toString(),
                                        "--duration",
                                        "2",
                                        "--ramp",
                                        "1",
                                        "--threads",
                                        "1",
                                        "--max-image",
                                        "640x480",
                                        "--no-jmeter-dashboard");
            } finally {
                System.setErr(before);
            }
            String said = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, exit, said);
            assertTrue(
                    said.contains(
                            "pixelforge compare: the JMeter engine on "
                                    + engine.id()
                                    + " is busy with another test (\"Engine is busy\")"),
                    said);
            assertTrue(!said.contains("\tat "), "no stack trace: " + said);
        }
    }

    private static Path latest(Path runs) throws Exception {
        try (Stream<Path> all = Files.list(runs)) {
            return all.filter(p -> p.getFileName().toString().endsWith("-quick"))
                    .max(Path::compareTo)
                    .orElseThrow();
        }
    }

    private static Properties properties(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }
}
