package dev.pixelforge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./pixelforge <command>}: the commands that run on a developer's machine. */
@Command(
        name = "pixelforge",
        mixinStandardHelpOptions = true,
        description =
                "Serverless or container? One image function on three platforms, measured side by"
                        + " side.",
        subcommands = {
            BenchCommand.class,
            CompareCommand.class,
            EngineCommand.class,
            ImagesCommand.class,
            LocalCloudCommand.class,
            ProfileCommand.class,
            ReportCommand.class,
            SimulateCommand.class,
            CalibrateCommand.class,
            SweepCommand.class
        })
public final class PixelForgeCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new PixelForgeCli()).execute(args));
    }
}
