package dev.pixelforge.cli;

import dev.pixelforge.cli.compare.ComparisonRun;
import dev.pixelforge.cli.compare.DeployedTargets;
import dev.pixelforge.cli.compare.LocalTargets;
import dev.pixelforge.cli.compare.RunSpec;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.Dilation;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.standins.Deployables;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The main job: the same load on every target, one after another, then the side-by-side report.
 * Targets are the local stand-ins unless {@code --targets-file} names deployed URLs. The command only
 * reads its options: {@link ComparisonRun} does the run.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Put one load profile on Lambda, Cloud Functions and the container, and write the side-by-side report.")
final class CompareCommand implements Callable<Integer> {

    @Mixin
    LoadOptions options;

    @Override
    public Integer call() throws Exception {
        RunSpec spec;
        List<Target> chosen;
        try {
            chosen = options.chosenTargets();
            PlatformProfile platform = options.platform(Map.of());
            spec = options.runSpec(platform);
            Dilation.parse(options.dilation, platform, Runtime.getRuntime().availableProcessors()); // a bad --dilation fails before any run folder
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pixelforge compare: " + e.getMessage());
            return 2;
        }
        ComparisonRun.Opener targets;
        try {
            if (options.targetsFile != null) {
                DeployedTargets deployed = DeployedTargets.read(options.targetsFile, chosen); // read now: a bad file fails before any run folder
                targets = runDir -> deployed;
            } else {
                List<Target> local = chosen.isEmpty() ? List.of(Target.values()) : chosen;
                targets = runDir -> {
                    System.out.println("starting the local stand-ins (instances start on the first request: cold starts are part of the run)");
                    return LocalTargets.start(Deployables.under(options.root), spec.platform(), options.dilation, local, runDir.resolve("local"), System.out);
                };
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pixelforge compare: " + e.getMessage());
            return 2;
        }
        System.out.println("PixelForge compare: " + spec.load().describe());
        ComparisonRun.execute(spec, targets, System.out);
        return 0;
    }
}
