package dev.pixelforge.load.engines;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a profile's threads are divided among the engines: each engine runs the whole plan, so the
 * run's threads are split, the first engines taking one more when they do not divide evenly (10
 * over 2: 5 + 5; 5 over 2: 3 + 2). Fewer threads than engines is refused: an engine with no thread
 * would only look like it took part.
 */
public record ThreadShares(Map<EngineAddress, Integer> threads) {

    public ThreadShares {
        threads = Collections.unmodifiableMap(new LinkedHashMap<>(threads));
    }

    public static ThreadShares divide(int total, List<EngineAddress> engines) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("no engine to divide threads among");
        }
        if (total < engines.size()) {
            throw new IllegalArgumentException(
                    threads(total)
                            + " cannot be divided among "
                            + engines.size()
                            + " engines: give at least one thread per engine (--threads "
                            + engines.size()
                            + ")");
        }
        Map<EngineAddress, Integer> shares = new LinkedHashMap<>();
        int each = total / engines.size();
        int extra = total % engines.size();
        for (int i = 0; i < engines.size(); i++) {
            shares.put(engines.get(i), each + (i < extra ? 1 : 0));
        }
        return new ThreadShares(shares);
    }

    private static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }

    public int total() {
        return threads.values().stream().mapToInt(Integer::intValue).sum();
    }

    public boolean even() {
        return threads.values().stream().distinct().count() == 1;
    }

    public List<EngineAddress> engines() {
        return new ArrayList<>(threads.keySet());
    }

    /**
     * For run.properties and the report: {@code 5 threads over 2 engines, uneven: 3 on a:1099, 2 on
     * b:1099}.
     */
    public String describe() {
        String each =
                threads.entrySet().stream()
                        .map(e -> e.getValue() + " on " + e.getKey().id())
                        .collect(Collectors.joining(", "));
        return threads(total())
                + " over "
                + threads.size()
                + " engine"
                + (threads.size() == 1 ? "" : "s")
                + (even() ? ": " : ", uneven: ")
                + each;
    }
}
