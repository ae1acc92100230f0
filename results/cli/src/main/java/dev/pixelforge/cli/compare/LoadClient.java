package dev.pixelforge.cli.compare;

import dev.pixelforge.load.jmeter.Credential;
import dev.pixelforge.load.jmeter.LoadRunner;
import dev.pixelforge.load.profile.LoadProfile;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

/**
 * Where a comparison's load generator runs: in this JVM, or in a JVM of its own inside a CPU quota
 * and a memory limit (a model of the studies' client machines). Either way it appends to the run's
 * samples.csv and client.csv.
 */
public interface LoadClient extends AutoCloseable {

    /** Puts {@code load} on {@code target} for its window and returns when the window is over. */
    /**
     * {@code outputs}: what to write besides samples.csv (a JTL, JMeter's own dashboard of the
     * target's load); {@code credential}: what every request carries (null: nothing), kept out of
     * every file and command line the client writes or starts.
     */
    void run(
            String target,
            URI url,
            LoadProfile load,
            LoadRunner.Outputs outputs,
            Credential credential,
            PrintStream out)
            throws IOException, InterruptedException, TimeoutException;

    /**
     * Ctrl-C: stops recording at once, every sample recorded so far on disk (a sample log closed, a
     * child client stopped by SIGTERM so that its own log is drained), within {@code waitMillis}.
     * Called from a shutdown hook while {@link #run} may still be going.
     */
    void stopRecording(long waitMillis);

    /** Adds what the client was to the run's {@code run.properties}. */
    void describe(Properties about);

    @Override
    void close() throws IOException;
}
