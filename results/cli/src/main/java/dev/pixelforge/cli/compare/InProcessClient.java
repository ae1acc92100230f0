package dev.pixelforge.cli.compare;

import dev.pixelforge.load.client.ClientHost;
import dev.pixelforge.load.jmeter.Credential;
import dev.pixelforge.load.jmeter.LoadRunner;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.platform.sample.SampleLog;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

/** The load generator in this JVM, on every core it sees, beside whatever else this JVM runs. */
final class InProcessClient implements LoadClient {

    private final Path runDir;
    private final SampleLog log;
    private final String alongside;

    InProcessClient(Path runDir, String alongside) throws IOException {
        this.runDir = runDir;
        this.alongside = alongside;
        this.log = SampleLog.appendTo(runDir.resolve(RunLayout.SAMPLES));
    }

    @Override
    public void run(
            String target,
            URI url,
            LoadProfile load,
            LoadRunner.Outputs outputs,
            Credential credential,
            PrintStream out)
            throws IOException, InterruptedException, TimeoutException {
        LoadRunner.run(
                target,
                url,
                load,
                runDir,
                log,
                out,
                ClientHost.thisJvm(alongside),
                outputs,
                credential);
    }

    @Override
    public void describe(Properties about) {
        RunManifest.of(about)
                .clientIsolation(
                        new RunManifest.ClientIsolation(
                                RunManifest.ClientMode.NONE,
                                "none: the load client ran in the comparison's own JVM, on all "
                                        + Runtime.getRuntime().availableProcessors()
                                        + " cores"))
                .copyInto(about);
    }

    @Override
    public void stopRecording(long waitMillis) {
        try {
            log.close(); // drains every thread's buffer; later samples are refused
        } catch (IOException e) {
            System.err.println("could not close the sample log: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
