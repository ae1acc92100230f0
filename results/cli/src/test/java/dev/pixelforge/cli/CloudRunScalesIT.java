package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pixelforge.core.testing.RepositoryRoot;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.sample.InstanceLog;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.summary.TargetSummary;
import dev.pixelforge.standins.process.CpuIsolation;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The quick profile on the Cloud Run stand-in, as a user runs it: its autoscaler starts more than
 * one instance, and no instance uses more CPU than its quota over the target's window.
 */
class CloudRunScalesIT {

    @Test
    void quickProfile_runsMoreThanOneInstance_eachWithinItsQuota() throws Exception {
        try (CpuIsolation cpu = CpuIsolation.detect()) {
            assumeTrue(cpu.isolated(), cpu.describe());
        }
        Path runs = RepositoryRoot.resolve("results/cli/target/it-runs-scaling");
        assertEquals(
                0,
                new CommandLine(new PixelForgeCli())
                        .execute(
                                "compare",
                                "--root",
                                RepositoryRoot.path().toString(),
                                "--runs",
                                runs.toString(),
                                "--targets",
                                "container"));
        Path run;
        try (Stream<Path> all = Files.list(runs)) {
            run =
                    all.filter(p -> p.getFileName().toString().contains("-quick"))
                            .max(Path::compareTo)
                            .orElseThrow();
        }
        RunSummary summary = ReportWriter.write(run);
        TargetSummary container = summary.targets().get(0);
        List<InstanceRecord> instances =
                InstanceLog.read(run.resolve("instances.csv")).stream()
                        .filter(i -> i.target() == Target.CONTAINER)
                        .toList();

        assertTrue(
                instances.size() > 1,
                "the autoscaler started " + instances.size() + " instance(s)");
        // An instance starts after the window opens and is stopped once it closes (2 s allowed for
        // that
        // stop): its CPU fits in its quota over that time, whatever the load asked of it.
        double windowMillis = container.windowSeconds() * 1000 + 2000;
        for (InstanceRecord i : instances) {
            assertTrue(
                    i.cpuMillis() <= i.cpuQuota() * windowMillis,
                    "instance "
                            + i.id()
                            + " used "
                            + i.cpuMillis()
                            + " ms of CPU, its quota "
                            + i.cpuQuota()
                            + " vCPU over "
                            + windowMillis
                            + " ms");
        }
    }
}
