package dev.pixelforge.cli.compare;

import dev.pixelforge.load.jmeter.Credential;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.run.RunManifest;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where a comparison sends its load: the local stand-ins, or deployed URLs. A run treats both the
 * same; only what each can tell about the platform side afterwards differs.
 */
public interface Targets extends AutoCloseable {

    /** Each target with the URL it answers on, in the order they get the load. */
    Map<Target, URI> urls();

    /**
     * What the load client's JVM holds besides the client: its watch measures the whole process, so
     * anything here counts as client CPU and heap.
     */
    default String alongsideClient() {
        return "the load client only";
    }

    /**
     * The scale model's time-dilation factor k of {@code target}: it runs k times slower than its
     * platform, so an open-loop rate is sent at 1/k to mean the same load. 1 for deployed targets.
     */
    default double dilation(Target target) {
        return 1;
    }

    /**
     * How {@code target} is reached ({@link RunManifest#ACCESS_PRIVATE}, {@code _PUBLIC} or {@code
     * _LOCAL}), for {@code run.properties} and the report.
     */
    default String access(Target target) {
        return RunManifest.ACCESS_LOCAL;
    }

    /** What every request to {@code target} must carry; null when it needs nothing. */
    default Credential credential(Target target) {
        return null;
    }

    /** Adds what these targets are to the run's {@code run.properties}. */
    void describe(Properties about);

    /**
     * {@code target}'s load is over: local instances stop now rather than idle through the next
     * target's window.
     */
    void done(Target target);

    /**
     * Called once the load is over: records what the platforms' side saw ({@code instances.csv},
     * {@code cloud/}) where these targets can tell it, or says how to fetch it.
     */
    void finish(Path runDir, PrintStream out) throws IOException;

    @Override
    void close();
}
