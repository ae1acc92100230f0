package dev.pixelforge.cli;

import dev.pixelforge.platform.profile.DeploySettings;
import dev.pixelforge.platform.profile.PlatformProfile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The platform profile as the deploy scripts read it: the one reader of results/platform.properties
 * prints every setting a script needs, defaults applied, so that no default lives in shell.
 */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description =
                "Print the platform profile in force: with --deploy, the key=value settings the"
                        + " deploy scripts read.")
final class ProfileCommand implements Callable<Integer> {

    @Option(
            names = "--deploy",
            description = "key=value lines for the deploy scripts (sizes, timeouts, instances).")
    boolean deploy;

    @Option(
            names = "--platform",
            paramLabel = "FILE",
            description = "The platform profile (default: results/platform.properties).")
    Path platformFile;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a platform profile key.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(
            names = "--root",
            defaultValue = ".",
            description = "Repository root (default: the current directory).")
    Path root;

    @Override
    public Integer call() {
        PlatformProfile profile;
        try {
            profile =
                    PlatformProfile.load(
                            platformFile != null
                                    ? platformFile
                                    : root.resolve("results/platform.properties"),
                            overrides);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pixelforge profile: " + e.getMessage());
            return 2;
        }
        if (deploy) {
            DeploySettings.of(profile).forEach((k, v) -> System.out.println(k + "=" + v));
        } else {
            System.out.print(profile.describe());
        }
        return 0;
    }
}
