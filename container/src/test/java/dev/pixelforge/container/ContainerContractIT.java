package dev.pixelforge.container;

import dev.pixelforge.core.contract.Backend;
import dev.pixelforge.core.contract.HttpBackend;
import dev.pixelforge.core.contract.ImageApiContract;
import dev.pixelforge.core.contract.LaunchedJvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The contract against the shaded container jar, started with {@code java -jar} and {@code PORT},
 * as a container runs it.
 */
class ContainerContractIT extends ImageApiContract {

    @Override
    protected Backend startBackend() throws Exception {
        int port = LaunchedJvm.freePort();
        return HttpBackend.of(
                "container",
                LaunchedJvm.start(
                        List.of("-jar", System.getProperty("pixelforge.container.jar")),
                        Map.of("PORT", Integer.toString(port)),
                        port,
                        Path.of("target", "container-it.log"),
                        Duration.ofSeconds(60)));
    }
}
