package dev.pixelforge.platform.profile;

import dev.pixelforge.platform.Target;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one platform profile ({@code results/platform.properties}): per target, the resources and
 * limits that the local stand-ins apply and the deploy scripts request. Defaults live here, so a
 * missing file or key still gives the studies' settings.
 */
public final class PlatformProfile {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    private final Map<Target, TargetProfile> targets;
    private final Map<Target, String> javaHomes;
    private final Set<String> given;
    private final ApiGateway apiGateway;

    private PlatformProfile(
            Map<Target, TargetProfile> targets,
            Map<Target, String> javaHomes,
            Set<String> given,
            ApiGateway apiGateway) {
        this.targets = Map.copyOf(targets);
        this.javaHomes = Map.copyOf(javaHomes);
        this.given = Set.copyOf(given);
        this.apiGateway = apiGateway;
    }

    /** API Gateway's throttle and quota in front of Lambda, and the stand-in's key check. */
    public ApiGateway apiGateway() {
        return apiGateway;
    }

    /** Whether {@code key} was given (in the file or as an override), not left to its default. */
    public boolean isSet(String key) {
        return given.contains(key);
    }

    public TargetProfile of(Target target) {
        return targets.get(target);
    }

    /**
     * The JDK a local stand-in runs {@code target} on ({@code <target>.java-home}): "bundled-jpeg"
     * (a JDK whose ImageIO JPEG codec is the bundled IJG libjpeg, as Lambda's and Google's Java
     * runtimes are: the default of aws-lambda and gcp-function), "current" (the JDK running
     * PixelForge: the container's default, Debian's OpenJDK as its Dockerfile ships), or a JDK's
     * home directory.
     */
    public String javaHome(Target target) {
        return javaHomes.get(target);
    }

    /** The studies' settings, with nothing read from disk. */
    public static PlatformProfile defaults() {
        return from(new Properties());
    }

    public static PlatformProfile load(Path file, Map<String, String> overrides)
            throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
        }
        overrides.forEach(p::setProperty);
        return from(p);
    }

    public static PlatformProfile from(Properties p) {
        Map<Target, TargetProfile> all = new EnumMap<>(Target.class);
        if (p.getProperty("aws-lambda.cpus") != null) {
            throw new IllegalArgumentException(
                    "aws-lambda.cpus: Lambda's CPU follows its memory (1,769 MB is one vCPU):"
                            + " set aws-lambda.memory-mb instead");
        }
        int lambdaMemory = integer(p, "aws-lambda.memory-mb", 1024);
        int reserved = integer(p, "aws-lambda.reserved-concurrency", 10);
        checkAccountConcurrency(reserved, integer(p, "aws-lambda.account-concurrency", 1000));
        all.put(
                Target.AWS_LAMBDA,
                new TargetProfile(
                        Target.AWS_LAMBDA,
                        lambdaMemory,
                        CpuShare.lambda(lambdaMemory),
                        1,
                        reserved,
                        duration(p, "aws-lambda.timeout", "29s"),
                        Duration.ZERO,
                        integer(p, "aws-lambda.throttle-status", 500),
                        duration(p, "aws-lambda.idle-timeout", "300s")));
        for (Target t : new Target[] {Target.GCP_FUNCTION, Target.CONTAINER}) {
            boolean run = t == Target.CONTAINER;
            int memory = integer(p, t.id() + ".memory-mb", 1024);
            int concurrency = integer(p, t.id() + ".concurrency", run ? 80 : 1);
            Double cpus = decimal(p, t.id() + ".cpus");
            CpuShare cpu =
                    run
                            ? CpuShare.cloudRun(
                                    t.id(), cpus == null ? 1 : cpus, memory, concurrency)
                            : CpuShare.function(memory, cpus, concurrency);
            String billing = p.getProperty(t.id() + ".billing", "request").trim();
            if (!billing.equals("request") && !billing.equals("instance")) {
                throw new IllegalArgumentException(
                        t.id() + ".billing=" + billing + " must be request or instance");
            }
            if (billing.equals("instance") && cpu.vcpus() < 1) {
                throw new IllegalArgumentException(
                        t.id()
                                + ".billing=instance: below 1 vCPU, Cloud Run takes request-based"
                                + " billing only");
            }
            all.put(
                    t,
                    new TargetProfile(
                            t,
                            memory,
                            cpu,
                            concurrency,
                            integer(p, t.id() + ".max-instances", 10),
                            duration(p, t.id() + ".timeout", run ? "300s" : "60s"),
                            duration(p, t.id() + ".queue-timeout", "60s"),
                            integer(p, t.id() + ".throttle-status", 429),
                            duration(p, t.id() + ".idle-timeout", "300s"),
                            billing.equals("request")
                                    ? TargetProfile.Billing.REQUEST
                                    : TargetProfile.Billing.INSTANCE,
                            new TargetProfile.Scaling(
                                    number(p, t.id() + ".autoscale-cpu-target", 0.6),
                                    number(p, t.id() + ".autoscale-concurrency-target", 0.6),
                                    duration(p, t.id() + ".autoscale-window", "60s"),
                                    TargetProfile.Scaling.CLOUD_RUN.settle(),
                                    integer(p, t.id() + ".min-instances", 0)),
                            Boolean.parseBoolean(
                                    p.getProperty(t.id() + ".startup-cpu-boost", "false").trim())));
        }
        Map<Target, String> javaHomes = new EnumMap<>(Target.class);
        for (Target t : Target.values()) {
            String home =
                    p.getProperty(
                                    t.id() + ".java-home",
                                    t == Target.CONTAINER ? "current" : "bundled-jpeg")
                            .trim();
            if (home.isEmpty()) {
                throw new IllegalArgumentException(
                        t.id()
                                + ".java-home is empty: say bundled-jpeg, current or a JDK's"
                                + " home directory");
            }
            javaHomes.put(t, home);
        }
        String keyRequired = p.getProperty("aws-lambda.api-key-required", "false").trim();
        if (!keyRequired.equals("true") && !keyRequired.equals("false")) {
            throw new IllegalArgumentException(
                    "aws-lambda.api-key-required=" + keyRequired + " must be true or false");
        }
        ApiGateway apiGateway =
                new ApiGateway(
                        number(p, "aws-lambda.api-rate-limit", 100),
                        integer(p, "aws-lambda.api-burst-limit", 200),
                        integer(p, "aws-lambda.api-quota-per-day", 200_000),
                        keyRequired.equals("true"));
        return new PlatformProfile(all, javaHomes, p.stringPropertyNames(), apiGateway);
    }

    /** One line per target, for the command's start-up banner. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (TargetProfile t :
                targets.values().stream()
                        .sorted(Comparator.comparing(TargetProfile::target))
                        .toList()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "  %-13s %5d MB  %.3f vCPU (%s)  %s  timeout %s  idle reap %s  excess"
                                    + " -> %d%n",
                            t.target().id(),
                            t.memoryMb(),
                            t.cpus(),
                            t.cpu().rule(),
                            t.target() == Target.AWS_LAMBDA
                                    ? "reserved concurrency " + t.maxInstances()
                                    : "concurrency "
                                            + t.concurrency()
                                            + " x max "
                                            + t.maxInstances()
                                            + " instances, queue "
                                            + human(t.queueTimeout()),
                            human(t.timeout()),
                            human(t.idleTimeout()),
                            t.throttleStatus()));
        }
        return sb.toString();
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /**
     * AWS keeps at least 100 of an account's concurrency (1,000 per Region by default) for the
     * functions without a reservation: a function may reserve up to the rest
     * (docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html), and asking for more
     * fails the deployment. With a reservation the account's limit binds only here.
     */
    private static void checkAccountConcurrency(int reserved, int account) {
        if (reserved > account - 100) {
            throw new IllegalArgumentException(
                    "aws-lambda.reserved-concurrency="
                            + reserved
                            + " is more than AWS lets a function reserve of an account's "
                            + account
                            + " (aws-lambda.account-concurrency): it keeps 100 unreserved, so"
                            + " reserve at most "
                            + Math.max(0, account - 100)
                            + ", or raise the account's concurrency (Service Quotas) and set"
                            + " aws-lambda.account-concurrency to it");
        }
    }

    private static int integer(Properties p, String key, int fallback) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not a whole number");
        }
    }

    private static double number(Properties p, String key, double fallback) {
        Double v = decimal(p, key);
        return v == null ? fallback : v;
    }

    private static Double decimal(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            return null;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + "=" + v + " is not a number such as 0.5, 1 or 2");
        }
    }

    static Duration duration(Properties p, String key, String fallback) {
        String v = p.getProperty(key, fallback).trim();
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    key + "=" + v + " is not a duration such as 500ms, 10s or 5m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
