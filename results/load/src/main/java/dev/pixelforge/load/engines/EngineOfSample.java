package dev.pixelforge.load.engines;

import java.util.Comparator;
import java.util.List;

/**
 * Which engine a sample came from, told by its thread's name: a remote engine names its threads
 * {@code <host:port>-<group> <g>-<t>}, with the {@code host:port} the controller reached it at
 * ({@code RemoteJMeterEngineImpl.rconfigure} sets JMeter's {@code __jm.D_TG} prefix to it, and
 * {@code AbstractThreadGroup.makeThread} prepends it). So two engines on one host differ by port,
 * and the name needs nothing from the engine's own configuration.
 */
public final class EngineOfSample {

    // longest first, so no id is taken for a longer one it begins
    private final List<String> prefixes;

    public EngineOfSample(List<EngineAddress> engines) {
        this.prefixes =
                engines.stream()
                        .map(e -> e.id() + "-")
                        .sorted(Comparator.comparingInt(String::length).reversed())
                        .toList();
    }

    /**
     * The engine's {@code host:port}. A thread no engine of this run named gives {@code ?<thread
     * name>}: a sample is never dropped (this runs on an RMI thread, where an exception would only
     * be logged on the engine), and the odd engine shows in samples.csv instead of passing for one
     * of the others.
     */
    public String of(String threadName) {
        for (String p : prefixes) {
            if (threadName.startsWith(p)) {
                return p.substring(0, p.length() - 1);
            }
        }
        return "?" + threadName;
    }
}
