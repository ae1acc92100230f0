package dev.pixelforge.cli.compare;

import dev.pixelforge.load.jmeter.Credential;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Deployed targets, from a targets file ({@code aws-lambda=https://...} lines, as the deploy
 * scripts write {@code results/targets.properties}), each with how it is reached ({@code
 * aws-lambda.access=private|public}; a target without that line was deployed before there was a
 * choice, public) and, when private, its credential ({@link TargetCredentials}). The platforms' own
 * metrics are fetched afterwards by the deploy scripts' {@code metrics} action.
 */
public final class DeployedTargets implements Targets {

    private final Map<Target, URI> urls;
    private final Map<Target, Credential> credentials;

    private DeployedTargets(Map<Target, URI> urls, Map<Target, Credential> credentials) {
        this.urls = Collections.unmodifiableMap(urls);
        this.credentials = Collections.unmodifiableMap(credentials);
    }

    /** The targets {@code file} names, limited to {@code only} when that is not empty. */
    public static DeployedTargets read(Path file, List<Target> only) throws IOException {
        return read(file, only, System.getenv());
    }

    /** As above, with the credentials' environment {@code env}. */
    public static DeployedTargets read(Path file, List<Target> only, Map<String, String> env)
            throws IOException {
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
        TargetCredentials secrets = new TargetCredentials(file, env);
        Map<Target, Credential> credentials = new EnumMap<>(Target.class);
        for (Target t : urls.keySet()) {
            String access = p.getProperty(t.id() + ".access", RunManifest.ACCESS_PUBLIC).trim();
            if (access.equals(RunManifest.ACCESS_PRIVATE)) {
                credentials.put(t, secrets.of(t));
            } else if (!access.equals(RunManifest.ACCESS_PUBLIC)) {
                throw new IllegalArgumentException(
                        file + ": " + t.id() + ".access=" + access + " must be private or public");
            }
        }
        return new DeployedTargets(urls, credentials);
    }

    @Override
    public String access(Target target) {
        return credentials.containsKey(target)
                ? RunManifest.ACCESS_PRIVATE
                : RunManifest.ACCESS_PUBLIC;
    }

    @Override
    public Credential credential(Target target) {
        return credentials.get(target);
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
