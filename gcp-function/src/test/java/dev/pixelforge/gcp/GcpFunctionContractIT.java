package dev.pixelforge.gcp;

import dev.pixelforge.core.contract.Backend;
import dev.pixelforge.core.contract.HttpBackend;
import dev.pixelforge.core.contract.ImageApiContract;
import dev.pixelforge.core.contract.LaunchedJvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The contract against the shaded function jar served by Google's own Functions Framework invoker,
 * the program Cloud Functions gen2 runs around a Java function.
 */
class GcpFunctionContractIT extends ImageApiContract {

    @Override
    protected Backend startBackend() throws Exception {
        int port = LaunchedJvm.freePort();
        return HttpBackend.of(
                "gcp-function",
                LaunchedJvm.start(
                        List.of(
                                "-jar", System.getProperty("pixelforge.invoker.jar"),
                                "--classpath", System.getProperty("pixelforge.function.jar"),
                                "--target", "io.micronaut.gcp.function.http.HttpFunction",
                                "--port", Integer.toString(port)),
                        Map.of(),
                        port,
                        Path.of("target", "gcp-function-it.log"),
                        Duration.ofSeconds(60)));
    }
}
