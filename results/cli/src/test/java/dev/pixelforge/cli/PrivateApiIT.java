package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.load.images.StudyImageSet;
import dev.pixelforge.load.jmeter.RunFolder;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.platform.sample.Sample;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.standins.LocalCloud;
import dev.pixelforge.standins.StandIns;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private API end to end on loopback: the API Gateway stand-in asks for an API key (as a private
 * deployment does), and {@code compare} is pointed at it as at a deployed target, through a targets
 * file ({@code aws-lambda.access=private}) and its companion secrets file, as {@code deploy.sh url}
 * writes them. With the key every request is served; without it (the file says public) every
 * request gets API Gateway's 403. The key is then looked for in everything the run wrote and
 * printed, and is found nowhere.
 */
class PrivateApiIT {

    private static final Path RUNS = ItRuns.dir("it-private-runs");

    private static LocalCloud cloud;
    private static URI url;
    private static String key;

    @BeforeAll
    static void aGatewayThatWantsAKey_withOneWarmEnvironment() throws Exception {
        cloud = StandIns.start(StandInEvents.NONE, Map.of("aws-lambda.api-key-required", "true"));
        url = cloud.url(Target.AWS_LAMBDA);
        key = cloud.apiKey().orElseThrow();
        assertEquals(40, key.length());
        // The one environment the runs below use, started now: their windows are then all warm,
        // and a request within them is certain to be answered.
        HttpResponse<String> warm =
                StandIns.HTTP.send(
                        HttpRequest.newBuilder(url.resolve("/health"))
                                .header("x-api-key", key)
                                .timeout(Duration.ofSeconds(90))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, warm.statusCode(), warm.body());
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void gateway_withoutTheKey_answersApiGatewaysForbidden_butServesThePreflight()
            throws Exception {
        HttpResponse<String> none = StandIns.get(url, "/health");
        assertEquals(403, none.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", none.body());
        assertEquals(
                Optional.of("ForbiddenException"), none.headers().firstValue("x-amzn-ErrorType"));
        HttpResponse<String> wrong =
                StandIns.HTTP.send(
                        HttpRequest.newBuilder(url.resolve("/health"))
                                .header("x-api-key", "A" + key.substring(1))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(403, wrong.statusCode());
        // A browser's preflight carries no key: API Gateway's mock OPTIONS answers it anyway.
        HttpResponse<String> preflight =
                StandIns.HTTP.send(
                        HttpRequest.newBuilder(url.resolve("/tone"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "http://page.example")
                                .header("Access-Control-Request-Method", "POST")
                                .header("Access-Control-Request-Headers", "content-type,x-api-key")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, preflight.statusCode());
        assertEquals(
                Optional.of("content-type,x-api-key"),
                preflight.headers().firstValue("Access-Control-Allow-Headers"));
    }

    /**
     * A targets file naming the stand-in as a private aws-lambda, the key in its 0600 companion, as
     * the deploy script's url action writes them.
     */
    private static Path privateTargets() throws IOException {
        Path dir = Files.createTempDirectory(RUNS, "targets-");
        Path targets =
                Files.writeString(
                        dir.resolve("targets.properties"),
                        "aws-lambda=" + url + "\naws-lambda.access=private\n");
        Path secrets = dir.resolve("targets.properties.secrets");
        Files.writeString(secrets, "aws-lambda.api-key=" + key + "\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        return targets;
    }

    @Test
    void compare_privateTarget_sendsTheSecretsFilesKey_everyRequestServed_keyWrittenNowhere()
            throws Exception {
        Path targets = privateTargets();

        Run run = compare(targets);
        assertEquals(0, run.exit(), run.printed());
        List<Sample> samples = samples(run.folder());
        assertFalse(samples.isEmpty(), "no request in a warm window");
        for (Sample s : samples) {
            assertEquals(200, s.status(), s.toString());
        }
        assertEquals(
                RunManifest.ACCESS_PRIVATE,
                RunManifest.read(run.folder())
                        .text(RunManifest.ACCESS + "aws-lambda")
                        .orElseThrow());
        String report = Files.readString(run.folder().resolve("summary.md"));
        assertTrue(
                report.contains("Access measured: aws-lambda private (API key, x-api-key)"),
                report);
        // plan.jmx sends the header by property, for stock JMeter too (StockJmeterPlanIT runs it).
        String jmx = Files.readString(run.folder().resolve("plan.jmx"));
        assertTrue(jmx.contains("${__P(auth_header,X-PixelForge-Access)}"), jmx);
        assertTrue(
                Files.readString(run.folder().resolve("plan.properties"))
                        .contains("-Jauth_header=x-api-key -Jauth_secret=aws-lambda.api-key"));

        // Nowhere but the secrets file: not in the run folder (plan, manifest, samples, report,
        // JMeter's dashboard, logs), not in what compare printed, not on this JVM's command line.
        assertEquals(List.of(), filesHolding(run.folder(), key));
        assertFalse(run.printed().contains(key), "compare printed the key");
        assertFalse(
                ProcessHandle.current().info().commandLine().orElse("").contains(key),
                "the key is on the command line");
    }

    @Test
    void compare_withAClientInAJvmOfItsOwn_passesTheKeyInItsEnvironment_notItsSpecFile()
            throws Exception {
        Path targets = privateTargets();

        Run run = compare(targets, "--client-cpus", "1");
        assertEquals(0, run.exit(), run.printed());
        List<Sample> samples = samples(run.folder());
        assertFalse(samples.isEmpty(), "no request in a warm window");
        for (Sample s : samples) {
            assertEquals(200, s.status(), s.toString());
        }
        // The child's instructions are in the run folder, with the header's name and not its value.
        String spec;
        try (Stream<Path> specs = Files.walk(run.folder().resolve("client"))) {
            spec =
                    Files.readString(
                            specs.filter(f -> f.toString().endsWith(".properties"))
                                    .findFirst()
                                    .orElseThrow());
        }
        assertTrue(spec.contains("credential.header=x-api-key"), spec);
        assertEquals(List.of(), filesHolding(run.folder(), key));
        assertFalse(run.printed().contains(key), "compare printed the key");
    }

    @Test
    void compare_withoutTheKey_everyRequestRefusedWithApiGateways403() throws Exception {
        Path dir = Files.createTempDirectory(RUNS, "targets-");
        Path targets =
                Files.writeString(
                        dir.resolve("targets.properties"),
                        "aws-lambda=" + url + "\naws-lambda.access=public\n");

        Run run = compare(targets);
        assertEquals(0, run.exit(), run.printed());
        List<Sample> samples = samples(run.folder());
        assertFalse(samples.isEmpty());
        for (Sample s : samples) {
            assertEquals(403, s.status(), s.toString());
            assertFalse(s.success());
        }
        assertEquals(
                RunManifest.ACCESS_PUBLIC,
                RunManifest.read(run.folder())
                        .text(RunManifest.ACCESS + "aws-lambda")
                        .orElseThrow());
        // No private target: plan.jmx has no credential header at all.
        assertFalse(Files.readString(run.folder().resolve("plan.jmx")).contains("auth_header"));
    }

    @Test
    void planJmx_ofAPrivateRun_runsInStockJmeter_withTheKeyFromTheSecretsFileByDashQ()
            throws Exception {
        StockJmeterPlanIT.ensureStockJmeter();
        LoadProfile profile = LoadProfile.named("quick").withMaxImagePixels(320 * 240);
        Path run = RunFolder.create(RUNS, profile, StudyImageSet.in(RUNS.resolve("images")));
        RunFolder.writePlan(run, profile, true);
        Path secrets = Files.createTempFile(RUNS, "secrets-", ".properties");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(secrets, "aws-lambda.api-key=" + key + "\n");
        // As plan.properties tells a user: the key from a file, only names on the command line.
        List<String> command =
                List.of(
                        StockJmeterPlanIT.java(),
                        "-jar",
                        StockJmeterPlanIT.HOME.resolve("bin/ApacheJMeter.jar").toString(),
                        "-n",
                        "-t",
                        "plan.jmx",
                        "-q",
                        "plan.properties",
                        "-q",
                        secrets.toString(),
                        "-Jauth_header=x-api-key",
                        "-Jauth_secret=aws-lambda.api-key",
                        "-l",
                        "stock.jtl",
                        "-j",
                        "stock-jmeter.log",
                        "-Jport=" + url.getPort(),
                        "-Jthreads=1",
                        "-Jramp=0",
                        "-Jduration=3");
        assertFalse(String.join(" ", command).contains(key));
        Process jmeter =
                new ProcessBuilder(command)
                        .directory(run.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(run.resolve("stock-jmeter.out").toFile())
                        .start();
        assertTrue(jmeter.waitFor(180, TimeUnit.SECONDS), "stock JMeter did not finish");
        assertEquals(0, jmeter.exitValue(), Files.readString(run.resolve("stock-jmeter.out")));
        List<String> jtl = Files.readAllLines(run.resolve("stock.jtl"));
        int code = Arrays.asList(jtl.get(0).split(",")).indexOf("responseCode");
        assertTrue(jtl.size() > 1, "stock JMeter sent no request");
        for (String line : jtl.subList(1, jtl.size())) {
            assertEquals("200", line.split(",")[code], line);
        }
        // Not in JMeter's log, its output or its results either.
        assertEquals(List.of(), filesHolding(run, key));
    }

    private record Run(int exit, Path folder, String printed) {}

    /** A short closed-loop compare on {@code targets}, what it printed kept apart. */
    private static Run compare(Path targets, String... extra) throws IOException {
        List<Path> before = runFolders();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        int exit;
        try (PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(both);
            System.setErr(both);
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "compare",
                                    "--root",
                                    CompareIT.ROOT.toString(),
                                    "--runs",
                                    RUNS.toString(),
                                    "--targets-file",
                                    targets.toString(),
                                    "--duration",
                                    "3",
                                    "--ramp",
                                    "0",
                                    "--threads",
                                    "1",
                                    "--max-image",
                                    "320x240"));
            args.addAll(List.of(extra));
            exit = new CommandLine(new PixelForgeCli()).execute(args.toArray(new String[0]));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        List<Path> after = new ArrayList<>(runFolders());
        after.removeAll(before);
        assertEquals(1, after.size(), text);
        return new Run(exit, after.get(0), text);
    }

    private static List<Path> runFolders() throws IOException {
        try (Stream<Path> runs = Files.list(RUNS)) {
            return runs.filter(p -> p.getFileName().toString().endsWith("-quick")).toList();
        }
    }

    private static List<Sample> samples(Path run) throws IOException {
        List<Sample> out = new ArrayList<>();
        SampleLog.read(run.resolve("samples.csv"), out::add);
        return out;
    }

    /**
     * Every file under the run folder {@code dir} whose bytes hold {@code text}, but its input
     * images (links to the shared set, written before the run knew any key).
     */
    static List<Path> filesHolding(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f :
                    files.filter(Files::isRegularFile)
                            .filter(f -> !f.startsWith(dir.resolve("images")))
                            .toList()) {
                if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                    found.add(f);
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
