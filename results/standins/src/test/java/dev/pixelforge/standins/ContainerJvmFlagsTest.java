package dev.pixelforge.standins;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The Cloud Run stand-in must run the container's JVM as its image does, or the local model measures another JVM. */
class ContainerJvmFlagsTest {

    @Test
    void containerInstances_getTheDockerfilesEntrypointFlags() throws IOException {
        String entrypoint = Files.readAllLines(RepositoryRoot.resolve("container/Dockerfile")).stream()
                .filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        for (String flag : LocalCloud.CONTAINER_JVM_FLAGS) {
            assertTrue(entrypoint.contains("\"" + flag + "\""), flag + " is not in the Dockerfile's " + entrypoint);
        }
        assertTrue(entrypoint.contains("\"-XX:+UseParallelGC\""), "the collector the stand-ins copy: " + entrypoint);
    }
}
