package dev.pixelforge.standins.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pixelforge.standins.StandIns;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the stand-ins write to the kernel, read back from it: the facts behind an instance's CPU
 * share, which hold however busy the machine is (the share's effect on a request's time is a
 * benchmark: {@code ./pixelforge bench model}). Needs a writable cgroup CPU controller (root on
 * Linux); elsewhere it is skipped, and says why.
 */
class CpuQuotaIT {

    private CpuIsolation cpu;
    private Process busy;

    @BeforeEach
    void isolated() {
        cpu = CpuIsolation.detect("pixelforge-quota-it");
        assumeTrue(cpu.isolated(), cpu.describe());
    }

    @AfterEach
    void stop() throws Exception {
        if (busy != null) {
            busy.destroyForcibly();
            busy.waitFor(10, TimeUnit.SECONDS);
        }
        cpu.close();
    }

    @Test
    void halfAVcpu_isWrittenAsHalfThePeriod() throws Exception {
        CpuGroup group = cpu.group("half", 0.5);
        Path dir = group.joinFiles().get(0).getParent();
        long period = CpuIsolation.PERIOD_MICROS;
        if (Files.exists(dir.resolve("cpu.max"))) {
            assertEquals(
                    period / 2 + " " + period, Files.readString(dir.resolve("cpu.max")).trim());
        } else {
            assertEquals(
                    Long.toString(period / 2),
                    Files.readString(dir.resolve("cpu.cfs_quota_us")).trim());
            assertEquals(
                    Long.toString(period),
                    Files.readString(dir.resolve("cpu.cfs_period_us")).trim());
        }
        assertEquals(0.5, group.quotaVcpus());
    }

    @Test
    void busyLoopInATenthOfAVcpu_isThrottledByTheKernel() throws Exception {
        CpuGroup group = cpu.group("busy", 0.1);
        busy = busyLoopIn(group);
        Path dir = group.joinFiles().get(0).getParent();
        // A loop that never yields uses its 1 ms of every 10 ms within the first period or two.
        StandIns.await(
                "nr_throttled > 0 in " + dir.resolve("cpu.stat"),
                Duration.ofSeconds(10),
                () -> CpuGroup.statIn(dir)[1] > 0);
    }

    @Test
    void frozenGroup_isFrozenUntilResumed() throws Exception {
        CpuGroup group = cpu.group("lambda", 1);
        assumeTrue(group.thaw().isPresent(), "no freezer: " + cpu.describe());
        busy = busyLoopIn(group);
        Path state = group.thaw().get().file();
        String thawed = group.thaw().get().value();
        String frozen = thawed.equals("0") ? "1" : "FROZEN";

        group.freeze();
        // v1 passes through FREEZING while it stops the tasks; v2's file holds what was asked.
        StandIns.await(
                state + " is " + frozen, Duration.ofSeconds(10), () -> read(state).equals(frozen));
        group.resume();
        assertEquals(thawed, read(state));
    }

    private static Process busyLoopIn(CpuGroup group) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        for (Path join : group.joinFiles()) {
            Files.writeString(join, Long.toString(p.pid()));
        }
        assertTrue(p.isAlive());
        return p;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
