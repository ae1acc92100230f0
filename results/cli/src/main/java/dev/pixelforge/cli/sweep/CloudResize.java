package dev.pixelforge.cli.sweep;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.TargetProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A deployed target's step between sizes: its deploy script's {@code resize} action (a
 * configuration update that starts every instance cold and returns once the new size serves). With
 * a dry run the script prints the cloud commands instead of running them.
 */
public final class CloudResize {

    /**
     * A resize that did not happen (no script, or the script failed): the sweep stops with this one
     * line.
     */
    public static final class Failed extends IOException {
        Failed(String message) {
            super(message);
        }
    }

    private final Path root;
    private final boolean dryRun;

    public CloudResize(Path root, boolean dryRun) {
        this.root = root;
        this.dryRun = dryRun;
    }

    /**
     * The script's command line for {@code size}, with {@code profile} the step's profile of its
     * target (CPU share, concurrency).
     */
    public List<String> command(SweepSize size, TargetProfile profile) {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                root.resolve(size.target().id())
                                        .resolve("deploy/deploy.sh")
                                        .toString()));
        if (dryRun) {
            cmd.add("--dry-run");
        }
        cmd.add("resize");
        cmd.add(Integer.toString(size.memoryMib()));
        if (size.target() != Target.AWS_LAMBDA) {
            // Google takes the CPU as given: a gen2 size without one gets its memory tier's share,
            // as a new deploy would.
            cmd.add(SweepSize.trim(profile.cpus()));
            cmd.add(Integer.toString(profile.concurrency()));
        }
        return cmd;
    }

    /**
     * Runs the script, its output going to {@code out}; a failure stops the sweep, since the next
     * step would measure the wrong size.
     */
    public void apply(SweepSize size, TargetProfile profile, PrintStream out)
            throws IOException, InterruptedException {
        List<String> cmd = command(size, profile);
        if (!Files.isExecutable(Path.of(cmd.get(0)))) {
            throw new Failed(
                    cmd.get(0)
                            + " is missing or not executable: --root must be the repository's"
                            + " root");
        }
        out.println("  " + String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        int exit = p.waitFor();
        if (exit != 0) {
            throw new Failed(
                    size.target().id()
                            + " resize to "
                            + size.label()
                            + " failed (exit "
                            + exit
                            + "): the sweep stops here");
        }
    }
}
