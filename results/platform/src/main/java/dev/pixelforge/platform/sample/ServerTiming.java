package dev.pixelforge.platform.sample;

import java.util.HashMap;
import java.util.Map;

/** Reads a {@code Server-Timing} header ({@code name;dur=ms, ...}) into microseconds per metric. */
public final class ServerTiming {

    private ServerTiming() {}

    public static Map<String, Long> parse(String header) {
        Map<String, Long> metrics = new HashMap<>();
        if (header == null || header.isBlank()) {
            return metrics;
        }
        for (String entry : header.split(",")) {
            String[] parts = entry.trim().split(";");
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("dur=")) {
                    try {
                        metrics.put(
                                parts[0].trim(),
                                Math.round(Double.parseDouble(p.substring(4)) * 1000));
                    } catch (NumberFormatException ignored) {
                        // a metric we cannot read is left out; the rest of the header still counts
                    }
                }
            }
        }
        return metrics;
    }
}
