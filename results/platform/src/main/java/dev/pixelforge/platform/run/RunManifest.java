package dev.pixelforge.platform.run;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a run was: the one reader and writer of {@code run.properties}. Keys are named here only;
 * numbers are written as numbers and booleans as {@code true}/{@code false}; keys this class does
 * not know are kept, so that a folder read and written again loses nothing and later work can add
 * keys without touching readers.
 */
public final class RunManifest {
    public static final String PROFILE = "profile";
    public static final String LOAD = "load";
    public static final String ARRIVALS = "arrivals";
    public static final String ARRIVALS_RATE = "arrivals.rate";
    public static final String ARRIVALS_MAX_THREADS = "arrivals.max-threads";
    public static final String IMAGES = "images";

    /**
     * The ramp-up asked for, in cloud seconds (each target ran it times its k); where the start-up
     * phase ends at the earliest.
     */
    public static final String RAMP_SECONDS = "ramp-seconds";

    /**
     * Closed loop: each thread's pause after an answer, in cloud milliseconds; 0 or absent none.
     */
    public static final String THINK_MILLIS = "think-ms";

    /**
     * Where the run got to: {@link #RUNNING} from its start (so that a run killed outright says
     * so), {@link #FINISHED}, {@link #INTERRUPTED} (Ctrl-C) or {@link #FAILED}.
     */
    public static final String STATE = "state";

    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String INTERRUPTED = "interrupted";
    public static final String FAILED = "failed";

    /**
     * The process that writes the run ({@code pid}) and when it started ({@code
     * pid.start-epoch-ms}): a run still {@link #RUNNING} whose process is gone was killed or
     * crashed ({@link #owner()}).
     */
    public static final String PID = "pid";

    public static final String PID_START = "pid.start-epoch-ms";

    /** The target under load when the state was last written. */
    public static final String CURRENT_TARGET = "current-target";

    public static final String CLIENT = "client";
    public static final String CLIENT_ISOLATION = "client-isolation";

    /** The typed fact behind {@link #CLIENT_ISOLATION}'s sentence; absent in old folders. */
    public static final String CLIENT_ISOLATION_MODE = "client-isolation.mode";

    public static final String PLATFORM = "platform";
    public static final String CPU_ISOLATION = "cpu-isolation";

    /** The typed fact behind {@link #CPU_ISOLATION}'s sentence; absent in old folders. */
    public static final String CPU_ISOLATED = "cpu-isolation.isolated";

    /** A run the simulator made (virtual time, calibrated times), not an emulated or cloud one. */
    public static final String SIMULATED = "simulated";

    public static final String SIMULATION_SEED = "simulation.seed";
    public static final String SIMULATION_NETWORK = "simulation.network";

    /** Prefix of the calibration's provenance, copied into a simulated run. */
    public static final String CALIBRATION = "calibration.";

    /**
     * Per target: a simulated run too large to keep every sample kept one in this many; the report
     * counts each kept sample that many times.
     */
    public static final String SAMPLES_KEPT_ONE_IN = "samples.kept-one-in.";

    public static final String ENGINES = "engines";
    public static final String ENGINE_THREADS = "engine-threads";
    public static final String TARGETS = "targets";
    public static final String CORES_FOR_INSTANCES = "cores-for-instances";
    public static final String RESERVED_CORES = "reserved-cores";

    /** Prefixes of per-target keys: {@code <prefix><target>}. */
    public static final String MEMORY_MB = "memory-mb.";

    public static final String CPUS = "cpus.";
    public static final String CPU_RULE = "cpu-rule.";
    public static final String DILATION = "dilation.";
    public static final String OVERSUBSCRIPTION = "oversubscription.";
    public static final String MIN_INSTANCES = "min-instances.";
    public static final String BILLING = "billing.";
    public static final String RESERVED_CONCURRENCY = "reserved-concurrency.";

    /**
     * {@code access.<target>}: how the measured requests got in, since a key check or IAM adds its
     * own time: {@link #ACCESS_PRIVATE} (an API key or identity token checked on every request),
     * {@link #ACCESS_PUBLIC} (none, as the studies deployed) or {@link #ACCESS_LOCAL} (a stand-in
     * that checks nothing).
     */
    public static final String ACCESS = "access.";

    public static final String ACCESS_PRIVATE = "private";
    public static final String ACCESS_PUBLIC = "public";
    public static final String ACCESS_LOCAL = "local";

    /** {@code arrivals.<target>.sent|planned|seconds|rate}: what an open-loop target was sent. */
    public static final String ARRIVALS_PER_TARGET = "arrivals.";

    /** {@code engine-cpu.<target>.<engine>} and {@code engine-threads-seen.<target>.<engine>}. */
    public static final String ENGINE_CPU = "engine-cpu.";

    public static final String ENGINE_THREADS_SEEN = "engine-threads-seen.";

    /** {@code engine-threads.<engine>}: the threads each remote engine was given. */
    public static final String ENGINE_THREADS_PER_ENGINE = "engine-threads.";

    public static final String ENGINE_RMI = "engine-rmi";

    /** Suffixes of {@code arrivals.<target>.}: what an open-loop target was sent. */
    public static final String ARRIVALS_SENT = "sent";

    public static final String ARRIVALS_PLANNED = "planned";
    public static final String ARRIVALS_SECONDS = "seconds";
    public static final String ARRIVALS_TARGET_RATE = "rate";

    /** Values of {@code billing.<target>}. */
    public static final String BILLING_REQUEST = "request";

    public static final String BILLING_INSTANCE = "instance";

    /** The sentence old folders wrote for an unisolated CPU, read back into the boolean. */
    private static final String LEGACY_NOT_ISOLATED = "CPU not isolated";

    private final Map<String, String> values;

    private RunManifest(Map<String, String> values) {
        this.values = values;
    }

    public static RunManifest empty() {
        return new RunManifest(new LinkedHashMap<>());
    }

    /** The manifest of {@code runDir}; empty if the folder has none (a bare samples folder). */
    public static RunManifest read(Path runDir) throws IOException {
        Path file = RunLayout.runProperties(runDir);
        RunManifest manifest = empty();
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            new TreeMap<>(p).forEach((k, v) -> manifest.values.put((String) k, (String) v));
        }
        return manifest;
    }

    public static RunManifest of(Properties p) {
        RunManifest manifest = empty();
        new TreeMap<>(p).forEach((k, v) -> manifest.values.put((String) k, (String) v));
        return manifest;
    }

    /**
     * Writes {@code run.properties} into {@code runDir}, every key, known or not: beside it first,
     * then moved over it, so that a kill mid-write leaves the last whole one.
     */
    public void write(Path runDir) throws IOException {
        Path file = RunLayout.runProperties(runDir);
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try (Writer w = Files.newBufferedWriter(next)) {
            toProperties().store(w, "what this run was");
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Puts every key into {@code about}: for writers that still collect a run's facts in a {@link
     * Properties} and pass it around.
     */
    public void copyInto(Properties about) {
        about.putAll(values);
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(values);
        return p;
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public RunManifest put(String key, String value) {
        values.put(key, value);
        return this;
    }

    public RunManifest put(String key, long value) {
        return put(key, Long.toString(value));
    }

    public RunManifest put(String key, double value) {
        return put(key, Double.toString(value));
    }

    public RunManifest put(String key, boolean value) {
        return put(key, Boolean.toString(value));
    }

    public Optional<String> text(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String text(String key, String otherwise) {
        return values.getOrDefault(key, otherwise);
    }

    public Optional<Double> number(String key) {
        return text(key).map(v -> parse(key, v));
    }

    public Optional<Boolean> flag(String key) {
        return text(key).map(v -> flagOf(key, v));
    }

    /** {@code <prefix><target>}, e.g. {@code perTarget(CPUS, "aws-lambda")}. */
    public static String perTarget(String prefix, String target) {
        return prefix + target;
    }

    public Load load() {
        return new Load(
                text(PROFILE, ""),
                text(LOAD, ""),
                text(ARRIVALS),
                number(ARRIVALS_RATE),
                number(ARRIVALS_MAX_THREADS).map(Double::intValue));
    }

    public Optional<Isolation> isolation() {
        Optional<String> sentence = text(CPU_ISOLATION);
        if (sentence.isEmpty()) {
            return Optional.empty();
        }
        boolean isolated =
                flag(CPU_ISOLATED).orElseGet(() -> !sentence.get().startsWith(LEGACY_NOT_ISOLATED));
        return Optional.of(new Isolation(isolated, sentence.get()));
    }

    /** Records the CPU isolation as a typed fact and the sentence that explains it. */
    public RunManifest isolation(Isolation isolation) {
        put(CPU_ISOLATED, isolation.isolated());
        return put(CPU_ISOLATION, isolation.reason());
    }

    public Optional<ClientIsolation> clientIsolation() {
        Optional<String> sentence = text(CLIENT_ISOLATION).filter(v -> !v.isEmpty());
        if (sentence.isEmpty()) {
            return Optional.empty();
        }
        ClientMode mode =
                text(CLIENT_ISOLATION_MODE)
                        .map(ClientMode::of)
                        .orElseGet(() -> ClientMode.legacy(sentence.get()));
        return Optional.of(new ClientIsolation(mode, sentence.get()));
    }

    /** Records how the load client was isolated, typed, and the sentence that explains it. */
    public RunManifest clientIsolation(ClientIsolation client) {
        put(CLIENT_ISOLATION_MODE, client.mode().id());
        return put(CLIENT_ISOLATION, client.reason());
    }

    /** Records {@code process} as the one writing this run (see {@link #owner()}). */
    public RunManifest owner(ProcessHandle process) {
        put(PID, process.pid());
        process.info().startInstant().ifPresent(t -> put(PID_START, t.toEpochMilli()));
        return this;
    }

    /**
     * Whether the process that wrote the run is still running: {@link Owner#UNKNOWN} when the
     * folder does not name it (older folders); {@link Owner#GONE} when no process has its pid, or
     * the one that has it started at another time (the pid was reused).
     */
    public Owner owner() {
        Optional<Long> pid = number(PID).map(Double::longValue);
        if (pid.isEmpty()) {
            return Owner.UNKNOWN;
        }
        Optional<ProcessHandle> process =
                ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Owner.GONE;
        }
        Optional<Long> started = number(PID_START).map(Double::longValue);
        Optional<Long> now = process.get().info().startInstant().map(t -> t.toEpochMilli());
        boolean same = started.isEmpty() || now.isEmpty() || started.get().equals(now.get());
        return same ? Owner.ALIVE : Owner.GONE;
    }

    /** Whether the process that wrote a run still runs. */
    public enum Owner {
        ALIVE,
        GONE,
        UNKNOWN
    }

    /** How many requests each of {@code target}'s samples stands for: 1 unless it was sampled. */
    public long keptOneIn(String target) {
        return number(perTarget(SAMPLES_KEPT_ONE_IN, target)).map(Double::longValue).orElse(1L);
    }

    /** {@code target}'s ramp-up as it ran, in wall-clock milliseconds (its k included). */
    public long rampMillis(String target) {
        return Math.round(number(RAMP_SECONDS).orElse(0.0) * target(target).dilation() * 1000);
    }

    public TargetSize target(String target) {
        return new TargetSize(
                number(perTarget(MEMORY_MB, target)).map(Double::intValue),
                number(perTarget(CPUS, target)),
                text(perTarget(CPU_RULE, target)),
                number(perTarget(DILATION, target)).orElse(1.0));
    }

    /** The load asked for. Open-loop fields are empty on a closed-loop run. */
    public record Load(
            String profile,
            String described,
            Optional<String> arrivals,
            Optional<Double> arrivalsPerSecond,
            Optional<Integer> arrivalsMaxThreads) {}

    /** Whether the stand-ins' CPU was isolated, and the sentence that says why or why not. */
    public record Isolation(boolean isolated, String reason) {}

    /** How the load client ran, and the sentence that says so. */
    public record ClientIsolation(ClientMode mode, String reason) {}

    /** Where the load client ran. */
    public enum ClientMode {
        /** No machine modelled: in the comparison's JVM, or remote engines. */
        NONE("none"),
        /** In a machine of its own (a CPU quota, and a memory limit if asked for). */
        ISOLATED("isolated"),
        /** Asked for a machine of its own, but the CPU or memory could not be limited. */
        NOT_ISOLATED("not-isolated");

        private final String id;

        ClientMode(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static ClientMode of(String id) {
            for (ClientMode m : values()) {
                if (m.id.equals(id.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException(
                    RunLayout.RUN_PROPERTIES
                            + ": "
                            + CLIENT_ISOLATION_MODE
                            + " is none, isolated or not-isolated, not: "
                            + id);
        }

        /** Old folders wrote only the sentence: "none: ...", or "... NOT isolated/limited ...". */
        static ClientMode legacy(String sentence) {
            if (sentence.startsWith("none")) {
                return NONE;
            }
            return sentence.contains("NOT") ? NOT_ISOLATED : ISOLATED;
        }
    }

    /** A target's size and the dilation k its stand-in ran at (1 when not dilated). */
    public record TargetSize(
            Optional<Integer> memoryMb,
            Optional<Double> cpus,
            Optional<String> cpuRule,
            double dilation) {}

    private static double parse(String key, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    RunLayout.RUN_PROPERTIES + ": " + key + " is not a number: " + v, e);
        }
    }

    private static boolean flagOf(String key, String v) {
        String t = v.trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new IllegalArgumentException(
                RunLayout.RUN_PROPERTIES + ": " + key + " is not true or false: " + v);
    }
}
