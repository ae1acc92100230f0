package dev.pixelforge.cli.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.testing.ListeningSockets;
import dev.pixelforge.core.testing.RepositoryRoot;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * {@code ./pixelforge engine --no-ssl} runs any plan, and so any code, that reaches its ports:
 * every socket its JVM listens on (JMeter's RMI registry and its engine object) is on loopback, as
 * the kernel lists them, whatever JMeter's defaults would do.
 */
class OpenEngineLoopbackIT {

    @Test
    void engineWithoutSsl_listensOnLoopbackOnly() throws Exception {
        Assumptions.assumeTrue(ListeningSockets.available(), "no /proc/net/tcp here");
        try (EngineProcess engine = EngineProcess.start(RepositoryRoot.path(), "--no-ssl")) {
            engine.awaitReady();

            List<ListeningSockets.Listener> listening = ListeningSockets.of(List.of(engine.pid()));

            assertTrue(
                    listening.stream().anyMatch(l -> l.port() == engine.port),
                    "the registry's port " + engine.port + " among " + listening);
            assertEquals(
                    List.of(),
                    listening.stream().filter(l -> !l.loopback()).toList(),
                    "every listening socket on loopback: " + listening);
        }
    }
}
