package dev.pixelforge.cli.compare;

import dev.pixelforge.load.arrivals.ArrivalRate;
import dev.pixelforge.load.client.ClientHost;
import dev.pixelforge.load.client.QuotaUse;
import dev.pixelforge.load.jmeter.Credential;
import dev.pixelforge.load.jmeter.LoadRunner;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.standins.process.CpuGroup;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The load client's own JVM ({@link IsolatedClient} starts it): reads its instructions, joins its
 * CPU quota, runs one target's window into the run folder, and exits. Not a ./pixelforge command:
 * nobody runs it by hand.
 */
public final class ClientJvmMain {

    private ClientJvmMain() {}

    /** The credential's value, from the comparison's JVM (IsolatedClient) to this one. */
    static final String CREDENTIAL_VARIABLE = "PIXELFORGE_CLIENT_CREDENTIAL";

    public static void main(String[] args) {
        try {
            run(Path.of(args[0]));
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(
                0); // JMeter's engine may leave non-daemon threads behind: the window is over, so
        // is this JVM
    }

    static void run(Path specFile) throws Exception {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(specFile)) {
            p.load(in);
        }
        LoadProfile load =
                new LoadProfile(
                                p.getProperty("profile"),
                                Integer.parseInt(p.getProperty("threads")),
                                Integer.parseInt(p.getProperty("ramp")),
                                Integer.parseInt(p.getProperty("duration")),
                                Operation.of(p.getProperty("operation")),
                                Long.parseLong(p.getProperty("max-image-pixels")),
                                p.getProperty("arrivals", "").isEmpty()
                                        ? null
                                        : ArrivalRate.parse(p.getProperty("arrivals"), 0))
                        .withThinkMillis(Long.parseLong(p.getProperty("think-ms", "0")));
        Path runDir = Path.of(p.getProperty("run-dir"));
        // No client outlives the comparison that started it, however that ended (the stand-ins'
        // instances do the same with a pipe).
        ProcessHandle.of(Long.parseLong(p.getProperty("parent-pid")))
                .ifPresentOrElse(
                        parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
                        () -> Runtime.getRuntime().halt(3));
        List<Path> joins = new ArrayList<>();
        for (String join : p.getProperty("join", "").trim().split("\\s+")) {
            if (!join.isEmpty()) {
                joins.add(Path.of(join));
            }
        }
        List<Path> groups = joins.stream().map(Path::getParent).toList();
        String cores = p.getProperty("cores", "");
        ClientHost host =
                cores.isEmpty()
                        ? ClientHost.thisJvm(p.getProperty("process"))
                        : ClientHost.inQuota(
                                Double.parseDouble(cores),
                                p.getProperty("process"),
                                () -> quotaUse(groups),
                                () -> enter(joins));
        try (SampleLog log = SampleLog.appendTo(runDir.resolve(RunLayout.SAMPLES))) {
            LoadRunner.run(
                    p.getProperty("target"),
                    URI.create(p.getProperty("url")),
                    load,
                    runDir,
                    log,
                    System.out,
                    host,
                    new LoadRunner.Outputs(
                            Boolean.parseBoolean(p.getProperty("jtl", "false")),
                            Boolean.parseBoolean(p.getProperty("jmeter-dashboard", "false"))),
                    p.getProperty("credential.header") == null
                            ? null
                            : new Credential(
                                    p.getProperty("credential.header"),
                                    p.getProperty("credential.scheme", ""),
                                    p.getProperty("credential.secret"),
                                    System.getenv(CREDENTIAL_VARIABLE)));
        }
    }

    /**
     * Into the quota as the window opens, after JMeter's start-up (its Groovy engine alone is
     * minutes of a 0.1-CPU quota): writing our pid to cgroup.procs moves every thread of this JVM.
     */
    private static void enter(List<Path> joins) {
        try {
            for (Path join : joins) {
                Files.writeString(join, Long.toString(ProcessHandle.current().pid()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not join the client's CPU quota", e);
        }
    }

    /**
     * What the CPU quota has done to this JVM so far: only the CPU group's folder has a cpu.stat.
     */
    private static QuotaUse quotaUse(List<Path> groups) {
        long[] sum = new long[3];
        for (Path g : groups) {
            long[] stat = CpuGroup.statIn(g);
            for (int i = 0; i < 3; i++) {
                sum[i] += stat[i];
            }
        }
        return new QuotaUse(sum[0], sum[1], sum[2]);
    }
}
