package dev.pixelforge.load.engines;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A remote JMeter engine, as {@code --engines} names it: the host and the port of its RMI registry.
 * {@link #id()} is what JMeter itself calls the engine: the controller passes it to the engine,
 * which prefixes its threads' names with it ({@code RemoteJMeterEngineImpl.rconfigure}), and it is
 * the {@code engine} column of samples.csv.
 */
public record EngineAddress(String host, int port) {

    public EngineAddress {
        if (host == null || host.isBlank() || host.contains(",") || host.contains(" ")) {
            throw new IllegalArgumentException(
                    "an engine is host:port, not '" + host + ":" + port + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("an engine's port is 1 to 65535, not " + port);
        }
    }

    /** {@code host:port}, as JMeter's client takes it. */
    public String id() {
        return host + ":" + port;
    }

    /**
     * {@code host:port,host:port}: each engine once, the port always given (JMeter's default 1099
     * hides which one is meant).
     */
    public static List<EngineAddress> parseList(String list) {
        List<EngineAddress> engines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String item : list.split(",", -1)) {
            EngineAddress e = parse(item.trim());
            if (!seen.add(e.id())) {
                throw new IllegalArgumentException(
                        "--engines names "
                                + e.id()
                                + " twice: each engine runs the whole plan once");
            }
            engines.add(e);
        }
        return List.copyOf(engines);
    }

    static EngineAddress parse(String item) {
        int colon = item.lastIndexOf(':');
        if (colon <= 0 || colon == item.length() - 1) {
            throw new IllegalArgumentException(
                    "--engines takes host:port,host:port (the line ./pixelforge engine prints), not"
                            + " '"
                            + item
                            + "'");
        }
        try {
            return new EngineAddress(
                    item.substring(0, colon), Integer.parseInt(item.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--engines: '" + item + "' has no port number after its ':'");
        }
    }
}
