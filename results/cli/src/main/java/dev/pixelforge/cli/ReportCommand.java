package dev.pixelforge.cli;

import dev.pixelforge.report.ReportWriter;
import dev.pixelforge.report.summary.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Remakes a run's report from its recorded samples alone. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Regenerate a run's report from its samples.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A run folder, e.g. results/runs/20261123-193000-quick")
    Path runDir;

    @Override
    public Integer call() {
        try {
            RunSummary summary = ReportWriter.write(runDir);
            System.out.print(ReportWriter.consoleTable(summary));
            System.out.println("report: " + runDir.resolve("report.html").toAbsolutePath());
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("pixelforge report: " + e.getMessage());
            return 1;
        }
    }
}
