package dev.pixelforge.cli.compare;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Deployed targets, from a targets file ({@code aws-lambda=https://...} lines, as the deploy
 * scripts write {@code results/targets.properties}). The platforms' own metrics are fetched
 * afterwards by the deploy scripts' {@code metrics} action.
 */
public final class DeployedTargets implements Targets {

    private final Map<Target, URI> urls;

    private DeployedTargets(Map<Target, URI> urls) {
        this.urls = Collections.unmodifiableMap(urls);
    }

    /** The targets {@code file} names, limited to {@code only} when that is not empty. */
    public static DeployedTargets read(Path file, List<Target> only) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    "no targets file "
                            + file
                            + ": the deploy scripts write results/targets.properties");
        }
        Map<Target, URI> urls = new LinkedHashMap<>();
        for (Target t : Target.values()) {
            String url = p.getProperty(t.id());
            if (url != null && !url.isBlank() && (only.isEmpty() || only.contains(t))) {
                try {
                    urls.put(t, URI.create(url.trim()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            file + ": " + t.id() + "=" + url.trim() + " is not a URL");
                }
            }
        }
        for (Target t : only) {
            if (!urls.containsKey(t)) {
                throw new IllegalArgumentException(file + " has no " + t.id() + " URL");
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(
                    file + " names no target: write lines such as aws-lambda=https://...");
        }
        return new DeployedTargets(urls);
    }

    @Override
    public Map<Target, URI> urls() {
        return urls;
    }

    @Override
    public void describe(Properties about) {
        about.setProperty(RunManifest.TARGETS, "deployed: " + urls);
    }

    @Override
    public void done(Target target) {
        // the clouds scale in on their own
    }

    @Override
    public void finish(Path runDir, PrintStream out) {
        out.println(
                "for the platforms' own metrics of this run: <target>/deploy/deploy.sh metrics FROM"
                        + " TO "
                        + runDir.resolve(RunLayout.CLOUD)
                        + ", then ./pixelforge report "
                        + runDir);
    }

    @Override
    public void close() {
        // nothing of ours runs: the clouds do
    }
}
