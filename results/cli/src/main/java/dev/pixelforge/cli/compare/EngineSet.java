package dev.pixelforge.cli.compare;

import dev.pixelforge.load.engines.EngineAddress;
import dev.pixelforge.load.engines.RmiSettings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The remote JMeter engines a comparison runs its load on ({@code --engines}), and how the
 * controller (this JVM) talks to them.
 *
 * @param controllerHostname {@code java.rmi.server.hostname} here: the address the engines send
 *     their samples back to
 * @param controllerPort JMeter's {@code client.rmi.localport}: the controller's listeners take the
 *     two ports above it; 0 for random ports
 */
public record EngineSet(
        List<EngineAddress> engines,
        RmiSettings rmi,
        String controllerHostname,
        int controllerPort) {

    public EngineSet {
        engines = List.copyOf(engines);
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("--engines names no engine");
        }
        if (controllerPort < 0 || controllerPort > 65533) {
            throw new IllegalArgumentException(
                    "--controller-port is 0 (random) or a base port up to 65533, not "
                            + controllerPort);
        }
    }

    /**
     * When every engine is on this machine's loopback, the controller answers there too; else at
     * this host's address.
     */
    public static String defaultControllerHostname(List<EngineAddress> engines)
            throws UnknownHostException {
        boolean loopback = true;
        for (EngineAddress e : engines) {
            try {
                loopback &= InetAddress.getByName(e.host()).isLoopbackAddress();
            } catch (UnknownHostException unknown) {
                throw new IllegalArgumentException(
                        "--engines names "
                                + e.id()
                                + ", and this machine cannot resolve "
                                + e.host());
            }
        }
        return loopback ? "127.0.0.1" : InetAddress.getLocalHost().getHostAddress();
    }

    public List<String> ids() {
        return engines.stream().map(EngineAddress::id).toList();
    }
}
