package dev.pixelforge.cli;

import dev.pixelforge.cli.sweep.SweepRun;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.RunSummary;
import dev.pixelforge.report.sweep.SweepReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Remakes a run's report from its recorded samples alone; given a sweep's folder, the sweep's files
 * from its steps.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Regenerate a run's report from its samples.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "RUN_DIR",
            description =
                    "A run folder, e.g. results/runs/20261123-193000-quick, or a sweep's folder")
    Path runDir;

    @Override
    public Integer call() {
        try {
            if (Files.exists(runDir.resolve(SweepReport.MANIFEST))) {
                // A sweep's folder: its own files from its steps' run folders (each step's report
                // stays as it is).
                SweepReport.Result result = SweepReport.write(runDir);
                System.out.print(SweepRun.console(result));
                System.out.println(
                        "sweep: " + runDir.resolve(RunLayout.SWEEP_HTML).toAbsolutePath());
                return 0;
            }
            RunSummary summary = ReportWriter.write(runDir);
            System.out.print(ReportWriter.consoleTable(summary));
            System.out.println("report: " + runDir.resolve(RunLayout.REPORT_HTML).toAbsolutePath());
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("pixelforge report: " + e.getMessage());
            return 1;
        }
    }
}
