package dev.pixelforge.standins.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The start-up CPU of a group, read back from the kernel's own cgroup files: the start-up quota
 * until {@link CpuGroup#endStartup}, the share after, whatever the group's between-requests state.
 * Needs a writable cgroup CPU controller (root on Linux); elsewhere it is skipped, and says why.
 */
class StartupCpuIT {

    @Test
    void startupQuota_holdsUntilEndStartup_thenTheShare_frozenOrNot() {
        try (CpuIsolation cpu = CpuIsolation.detect("pixelforge-test")) {
            Assumptions.assumeTrue(cpu.isolated(), cpu.describe());
            CpuGroup group = group(cpu, 0.25);
            try {
                assertEquals(0.25, group.quotaVcpusNow(), 1e-9);
                group.startup(2);
                assertEquals(2.0, group.quotaVcpusNow(), 1e-9, "INIT: all its processors");
                group.freeze(); // Lambda: ready, waiting for its first event
                group.resume();
                assertEquals(2.0, group.quotaVcpusNow(), 1e-9, "resume gives the start-up CPU");
                group.freeze();
                group.endStartup(); // the first invocation
                assertEquals(0.25, group.quotaVcpusNow(), 1e-9, "the share from the first event");
                group.resume();
                assertEquals(0.25, group.quotaVcpusNow(), 1e-9);
            } finally {
                group.remove();
            }
        }
    }

    @Test
    void boostEndingWhileStarved_givesTheShareAtTheNextRequest() {
        try (CpuIsolation cpu = CpuIsolation.detect("pixelforge-test")) {
            Assumptions.assumeTrue(cpu.isolated(), cpu.describe());
            CpuGroup group = group(cpu, 0.5);
            try {
                group.startup(1); // Cloud Run's boost: twice the share
                group.starve(); // request-based billing, nothing in flight
                group.endStartup(); // 10 s after ready
                group.resume(); // the next request
                assertEquals(0.5, group.quotaVcpusNow(), 1e-9);
            } finally {
                group.remove();
            }
        }
    }

    private static CpuGroup group(CpuIsolation cpu, double vcpus) {
        try {
            return cpu.group("startup-" + ProcessHandle.current().pid(), vcpus);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
