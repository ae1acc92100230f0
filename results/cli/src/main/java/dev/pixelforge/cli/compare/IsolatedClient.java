package dev.pixelforge.cli.compare;

import dev.pixelforge.load.jmeter.Credential;
import dev.pixelforge.load.jmeter.LoadRunner;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.standins.process.CpuGroup;
import dev.pixelforge.standins.process.CpuIsolation;
import dev.pixelforge.standins.process.MemoryLimit;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The load generator in a JVM of its own, one per target, inside a cgroup CPU quota and memory
 * limit (the stand-ins' cgroup code): a model of the client machine the studies ran JMeter on. The
 * JVM is under its memory limit from its first instruction and joins its CPU quota itself just
 * before the window, so that its start-up (a minute at 0.2 CPU) is not part of the model. Without
 * cgroups it still runs, and the run says plainly that the client was not isolated.
 */
final class IsolatedClient implements LoadClient {

    /** The child client under way, for {@link #stopRecording}. */
    private volatile Process current;

    /** Joins the memory group(s) in $PIXELFORGE_MEMORY_GROUPS, then becomes the JVM ("$@"). */
    private static final String JOIN_THEN_EXEC =
            "for g in $PIXELFORGE_MEMORY_GROUPS; do echo $$ > \"$g\" || exit 1; done; exec \"$@\"";

    /** What the client may take to start and stop, beyond the plan's own duration. */
    private static final long SLACK_SECONDS = 300;

    private final ClientLimits limits;
    private final Path runDir;

    /**
     * Apart from the stand-ins' instances: its groups get the machine's first call on CPU, up to
     * the quota.
     */
    private final CpuIsolation cpu = CpuIsolation.detect("pixelforge-client");

    private String isolation = "";
    private boolean isolated = true;

    IsolatedClient(ClientLimits limits, Path runDir) {
        this.limits = limits;
        this.runDir = runDir;
    }

    @Override
    public void run(
            String target,
            URI url,
            LoadProfile load,
            LoadRunner.Outputs outputs,
            Credential credential,
            PrintStream out)
            throws IOException, InterruptedException, TimeoutException {
        CpuGroup group = cpu.group("client-" + target, limits.cpus());
        long throttledMillis;
        group.guarantee(); // a machine of its own: its quota, however busy this one is
        try (MemoryLimit memory =
                limits.memoryBytes() > 0
                        ? MemoryLimit.create(
                                "pixelforge-client-" + ProcessHandle.current().pid() + "-" + target,
                                limits.memoryBytes())
                        : null) {
            isolation = describe(group, memory);
            out.println(
                    "load client: " + limits.name() + " (" + limits.basis() + "): " + isolation);
            Path spec = writeSpec(target, url, load, outputs, credential, group);
            Process client = start(spec, memory, credential);
            current = client;
            try {
                if (!client.waitFor(load.durationSeconds() + SLACK_SECONDS, TimeUnit.SECONDS)) {
                    throw new TimeoutException(
                            "the load client of "
                                    + target
                                    + " did not finish within "
                                    + (load.durationSeconds() + SLACK_SECONDS)
                                    + " s");
                }
                if (client.exitValue() != 0) {
                    throw new IOException(
                            "the load client of "
                                    + target
                                    + " exited with "
                                    + client.exitValue()
                                    + " (its output is above)");
                }
            } finally {
                if (client.isAlive()) {
                    client.destroyForcibly().waitFor(); // its groups can go only once it has
                }
                throttledMillis = group.throttledMillis(); // read before the group goes
                group.remove();
            }
            record(target, memory, throttledMillis);
        }
    }

    private String describe(CpuGroup group, MemoryLimit memory) {
        String cpuPart =
                Double.isNaN(group.quotaVcpus())
                        ? "CPU NOT isolated (" + cpu.describe() + ")"
                        : String.format(
                                Locale.ROOT, "a cgroup CPU quota of %s CPU", group.quotaVcpus());
        String memoryPart =
                memory == null
                        ? "memory not limited (no --client-memory)"
                        : memory.limited()
                                ? memory.describe()
                                        + ", heap -Xmx"
                                        + (limits.heapBytes() >> 20)
                                        + "m"
                                : "memory NOT limited: " + memory.describe();
        // The typed fact the report warns on; the sentence is for people.
        isolated =
                isolated
                        && !Double.isNaN(group.quotaVcpus())
                        && (memory == null || memory.limited());
        return cpuPart + "; " + memoryPart;
    }

    /** The child's instructions, kept in the run folder: what it was told to do. */
    private Path writeSpec(
            String target,
            URI url,
            LoadProfile load,
            LoadRunner.Outputs outputs,
            Credential credential,
            CpuGroup group)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("target", target);
        if (credential != null) {
            // Which header, not its value: that goes in the child's environment.
            p.setProperty("credential.header", credential.header());
            p.setProperty("credential.scheme", credential.scheme());
            p.setProperty("credential.secret", credential.secret());
        }
        p.setProperty("jtl", Boolean.toString(outputs.jtl()));
        p.setProperty("jmeter-dashboard", Boolean.toString(outputs.dashboard()));
        p.setProperty("parent-pid", Long.toString(ProcessHandle.current().pid()));
        p.setProperty("url", url.toString());
        p.setProperty("run-dir", runDir.toAbsolutePath().toString());
        p.setProperty("profile", load.name());
        p.setProperty("threads", Integer.toString(load.threads()));
        p.setProperty("ramp", Integer.toString(load.rampSeconds()));
        p.setProperty("duration", Integer.toString(load.durationSeconds()));
        p.setProperty("operation", load.operation().id());
        p.setProperty("max-image-pixels", Long.toString(load.maxImagePixels()));
        p.setProperty("think-ms", Long.toString(load.thinkMillis()));
        p.setProperty(
                "arrivals",
                load.openLoop() ? load.arrivals().spec() : ""); // already divided by the target's k
        p.setProperty(
                "cores",
                Double.isNaN(group.quotaVcpus()) ? "" : Double.toString(group.quotaVcpus()));
        p.setProperty(
                "join", String.join(" ", group.joinFiles().stream().map(Path::toString).toList()));
        p.setProperty(
                "process", "the load client only, in a JVM of its own (" + limits.name() + ")");
        Files.createDirectories(runDir.resolve(RunLayout.CLIENT_DIR));
        Path file = RunLayout.clientSpec(runDir, target);
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(
                    w,
                    "what the load client's own JVM was told to do ("
                            + ClientJvmMain.class.getName()
                            + ")");
        }
        return file;
    }

    private Process start(Path spec, MemoryLimit memory, Credential credential) throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "/bin/sh",
                                "-c",
                                JOIN_THEN_EXEC,
                                "pixelforge-client",
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString()));
        if (memory != null && memory.limited()) {
            command.add("-Xmx" + (limits.heapBytes() >> 20) + "m");
        }
        command.addAll(
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        ClientJvmMain.class.getName(),
                        spec.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // The credential's value in the child's environment: not in its command line (ps shows
        // that to everyone) nor in its spec file (the run folder).
        builder.environment().remove(ClientJvmMain.CREDENTIAL_VARIABLE);
        if (credential != null) {
            builder.environment().put(ClientJvmMain.CREDENTIAL_VARIABLE, credential.value());
        }
        builder.environment()
                .put(
                        "PIXELFORGE_MEMORY_GROUPS",
                        memory == null
                                ? ""
                                : String.join(
                                        " ",
                                        memory.joinFiles().stream().map(Path::toString).toList()));
        return builder.start();
    }

    /**
     * What only this side can see, in client.properties: the most the client's JVM held against its
     * limit, and how long its quota held it back (a client can be held back in bursts, 2 ms of each
     * 10 ms at 0.2 CPU, while its mean CPU stays well under the quota).
     */
    private void record(String target, MemoryLimit memory, long throttledMillis)
            throws IOException {
        Path file = runDir.resolve(RunLayout.CLIENT_PROPERTIES);
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
        }
        p.setProperty(target + ".cpu-throttled-ms", Long.toString(throttledMillis));
        if (memory != null && memory.limited()) {
            p.setProperty(target + ".memory-limit-bytes", Long.toString(memory.bytes()));
            p.setProperty(target + ".memory-peak-bytes", Long.toString(memory.peakBytes()));
        }
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "the load client, per target: what client.csv's rows cannot say");
        }
    }

    @Override
    public void describe(Properties about) {
        RunManifest.of(about)
                .clientIsolation(
                        new RunManifest.ClientIsolation(
                                isolated
                                        ? RunManifest.ClientMode.ISOLATED
                                        : RunManifest.ClientMode.NOT_ISOLATED,
                                limits.name()
                                        + " ("
                                        + limits.basis()
                                        + "): "
                                        + (isolation.isEmpty() ? "no target run" : isolation)))
                .copyInto(about);
    }

    @Override
    public void stopRecording(long waitMillis) {
        Process client = current;
        if (client == null || !client.isAlive()) {
            return;
        }
        client.destroy(); // SIGTERM: its sample log's exit hook drains what it holds
        try {
            client.waitFor(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        cpu.close();
    }
}
