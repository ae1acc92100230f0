package dev.pixelforge.platform.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.Target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The platform profile read from properties: defaults, the file, overrides, and what it refuses.
 */
class PlatformProfileTest {

    private static final TargetProfile LAMBDA_DEFAULTS =
            new TargetProfile(
                    Target.AWS_LAMBDA,
                    1024,
                    CpuShare.lambda(1024),
                    1,
                    10,
                    Duration.ofSeconds(29),
                    Duration.ZERO,
                    500,
                    Duration.ofSeconds(300));
    private static final TargetProfile FUNCTION_DEFAULTS =
            new TargetProfile(
                    Target.GCP_FUNCTION,
                    1024,
                    CpuShare.function(1024, null, 1),
                    1,
                    10,
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(60),
                    429,
                    Duration.ofSeconds(300));
    private static final TargetProfile CONTAINER_DEFAULTS =
            new TargetProfile(
                    Target.CONTAINER,
                    1024,
                    CpuShare.cloudRun("container", 1, 1024, 80),
                    80,
                    10,
                    Duration.ofSeconds(300),
                    Duration.ofSeconds(60),
                    429,
                    Duration.ofSeconds(300));

    @TempDir Path dir;

    private static Properties properties(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    /** The message with which a profile of {@code keyValues} is refused. */
    private static String refusal(String... keyValues) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> PlatformProfile.from(properties(keyValues)))
                .getMessage();
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(PlatformProfileTest.class.getResource("/profile/" + name).toURI());
    }

    @Test
    void defaults_areTheStudiesSettings() {
        PlatformProfile p = PlatformProfile.defaults();

        assertEquals(LAMBDA_DEFAULTS, p.of(Target.AWS_LAMBDA));
        assertEquals(FUNCTION_DEFAULTS, p.of(Target.GCP_FUNCTION));
        assertEquals(CONTAINER_DEFAULTS, p.of(Target.CONTAINER));
    }

    @Test
    void from_givenKeys_replaceOnlyThoseFields() {
        PlatformProfile p =
                PlatformProfile.from(
                        properties(
                                "aws-lambda.reserved-concurrency", "2",
                                "gcp-function.queue-timeout", "500ms",
                                "container.concurrency", " 8 "));

        assertEquals(
                new TargetProfile(
                        Target.AWS_LAMBDA,
                        1024,
                        CpuShare.lambda(1024),
                        1,
                        2,
                        Duration.ofSeconds(29),
                        Duration.ZERO,
                        500,
                        Duration.ofSeconds(300)),
                p.of(Target.AWS_LAMBDA));
        assertEquals(
                new TargetProfile(
                        Target.GCP_FUNCTION,
                        1024,
                        CpuShare.function(1024, null, 1),
                        1,
                        10,
                        Duration.ofSeconds(60),
                        Duration.ofMillis(500),
                        429,
                        Duration.ofSeconds(300)),
                p.of(Target.GCP_FUNCTION));
        assertEquals(
                new TargetProfile(
                        Target.CONTAINER,
                        1024,
                        CpuShare.cloudRun("container", 1, 1024, 8),
                        8,
                        10,
                        Duration.ofSeconds(300),
                        Duration.ofSeconds(60),
                        429,
                        Duration.ofSeconds(300)),
                p.of(Target.CONTAINER));
    }

    @Test
    void from_lambdaConcurrencyAndQueueTimeout_areNotKeys() {
        // A Lambda environment serves one request at a time and a throttle is immediate: neither is
        // configurable.
        PlatformProfile p =
                PlatformProfile.from(
                        properties(
                                "aws-lambda.concurrency", "5", "aws-lambda.queue-timeout", "10s"));

        assertEquals(LAMBDA_DEFAULTS, p.of(Target.AWS_LAMBDA));
    }

    @Test
    void load_readsTheFileThenAppliesTheOverrides() throws Exception {
        PlatformProfile p =
                PlatformProfile.load(
                        fixture("custom.properties"),
                        Map.of("aws-lambda.memory-mb", "512", "container.max-instances", "4"));

        assertEquals(
                new TargetProfile(
                        Target.AWS_LAMBDA,
                        512,
                        CpuShare.lambda(512),
                        1,
                        3,
                        Duration.ofSeconds(10),
                        Duration.ZERO,
                        429,
                        Duration.ofSeconds(300)),
                p.of(Target.AWS_LAMBDA));
        assertEquals(
                new TargetProfile(
                        Target.GCP_FUNCTION,
                        1024,
                        CpuShare.function(1024, null, 4),
                        4,
                        2,
                        Duration.ofSeconds(60),
                        Duration.ofMillis(500),
                        429,
                        Duration.ofSeconds(300)),
                p.of(Target.GCP_FUNCTION));
        assertEquals(
                new TargetProfile(
                        Target.CONTAINER,
                        1024,
                        CpuShare.cloudRun("container", 2, 1024, 80),
                        80,
                        4,
                        Duration.ofSeconds(300),
                        Duration.ofSeconds(60),
                        429,
                        Duration.ofMinutes(5)),
                p.of(Target.CONTAINER));
    }

    @Test
    void load_missingFile_givesTheDefaultsWithTheOverrides() throws IOException {
        PlatformProfile p =
                PlatformProfile.load(
                        dir.resolve("absent.properties"), Map.of("gcp-function.cpus", "2"));

        assertEquals(LAMBDA_DEFAULTS, p.of(Target.AWS_LAMBDA));
        assertEquals(
                new TargetProfile(
                        Target.GCP_FUNCTION,
                        1024,
                        CpuShare.function(1024, 2.0, 1),
                        1,
                        10,
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(60),
                        429,
                        Duration.ofSeconds(300)),
                p.of(Target.GCP_FUNCTION));
        assertEquals(CONTAINER_DEFAULTS, p.of(Target.CONTAINER));
    }

    @Test
    void load_theRepositorysProfile_saysWhatTheDefaultsSay() throws IOException {
        // Maven runs this module's tests in results/platform; the file sits one level up.
        Path shipped = Path.of("..", "platform.properties");
        assertTrue(Files.isRegularFile(shipped), shipped.toAbsolutePath() + " is missing");

        PlatformProfile p = PlatformProfile.load(shipped, Map.of());

        assertEquals(LAMBDA_DEFAULTS, p.of(Target.AWS_LAMBDA));
        assertEquals(FUNCTION_DEFAULTS, p.of(Target.GCP_FUNCTION));
        assertEquals(CONTAINER_DEFAULTS, p.of(Target.CONTAINER));
        assertEquals(PlatformProfile.defaults().apiGateway(), p.apiGateway());
    }

    @Test
    void apiGateway_defaultsGuardACloudRun_andTheDeploySettingsCarryTheKeys() {
        assertEquals(
                new ApiGateway(100, 200, 200_000, false), PlatformProfile.defaults().apiGateway());
        PlatformProfile p =
                PlatformProfile.from(
                        properties(
                                "aws-lambda.api-rate-limit", "7.5",
                                "aws-lambda.api-burst-limit", "15",
                                "aws-lambda.api-quota-per-day", "1234",
                                "aws-lambda.api-key-required", "true"));
        assertEquals(new ApiGateway(7.5, 15, 1234, true), p.apiGateway());
        Map<String, String> deploy = DeploySettings.of(p);
        assertEquals("7.5", deploy.get("aws-lambda.api-rate-limit"));
        assertEquals("15", deploy.get("aws-lambda.api-burst-limit"));
        assertEquals("1234", deploy.get("aws-lambda.api-quota-per-day"));
        assertEquals(
                "100",
                DeploySettings.of(PlatformProfile.defaults()).get("aws-lambda.api-rate-limit"));
    }

    @Test
    void reservedConcurrency_upToTheAccountsLessTheHundredAwsKeepsUnreserved() {
        assertEquals(
                900,
                PlatformProfile.from(properties("aws-lambda.reserved-concurrency", "900"))
                        .of(Target.AWS_LAMBDA)
                        .maxInstances());
        String past = refusal("aws-lambda.reserved-concurrency", "901");
        assertEquals(
                "aws-lambda.reserved-concurrency=901 is more than AWS lets a function reserve of an"
                        + " account's 1000 (aws-lambda.account-concurrency): it keeps 100"
                        + " unreserved, so reserve at most 900, or raise the account's concurrency"
                        + " (Service Quotas) and set aws-lambda.account-concurrency to it",
                past);
        assertEquals(
                1000,
                PlatformProfile.from(
                                properties(
                                        "aws-lambda.reserved-concurrency", "1000",
                                        "aws-lambda.account-concurrency", "1100"))
                        .of(Target.AWS_LAMBDA)
                        .maxInstances());
    }

    @Test
    void apiGateway_aLimitOfZeroOrAKeyRequiredThatIsNotABoolean_isRefused() {
        String zero = refusal("aws-lambda.api-burst-limit", "0");
        assertEquals(
                "aws-lambda.api-rate-limit, api-burst-limit and api-quota-per-day must be above 0:"
                        + " got 100.0, 0, 200000",
                zero);
        String yes = refusal("aws-lambda.api-key-required", "yes");
        assertEquals("aws-lambda.api-key-required=yes must be true or false", yes);
    }

    @Test
    void duration_takesMillisecondsSecondsAndMinutes() {
        Properties p = properties("a", "500ms", "b", "10s", "c", "5m", "d", " 10 s ");

        assertEquals(Duration.ofMillis(500), PlatformProfile.duration(p, "a", "1s"));
        assertEquals(Duration.ofSeconds(10), PlatformProfile.duration(p, "b", "1s"));
        assertEquals(Duration.ofMinutes(5), PlatformProfile.duration(p, "c", "1s"));
        assertEquals(Duration.ofSeconds(10), PlatformProfile.duration(p, "d", "1s"));
        assertEquals(Duration.ofSeconds(1), PlatformProfile.duration(p, "absent", "1s"));
    }

    @Test
    void duration_withoutAUnitWeKnow_isRefusedWithTheKeyAndTheFormat() {
        for (String bad : new String[] {"1h", "1.5s", "10", "ten s"}) {
            String e = refusal("container.timeout", bad);
            assertEquals(
                    "container.timeout=" + bad + " is not a duration such as 500ms, 10s or 5m", e);
        }
    }

    @Test
    void from_notAWholeNumber_isRefusedWithTheKey() {
        String e = refusal("aws-lambda.memory-mb", "1.5G");

        assertEquals("aws-lambda.memory-mb=1.5G is not a whole number", e);
    }

    @Test
    void from_throttleStatusOtherThan429_500Or503_isRefused() {
        String e = refusal("gcp-function.throttle-status", "404");

        assertEquals("gcp-function.throttle-status must be 429, 500 or 503, was 404", e);
    }

    @Test
    void from_memoryBelowThePlatformsOrNoInstances_isRefused() {
        String memory = refusal("container.memory-mb", "32");
        String instances = refusal("aws-lambda.reserved-concurrency", "0");

        assertEquals(
                "container.memory-mb=32: with 1 vCPU, Cloud Run takes 128 to 4096 MiB", memory);
        assertEquals(
                "aws-lambda: memory-mb >= 64, cpus > 0, concurrency and instances >= 1", instances);
    }
}
