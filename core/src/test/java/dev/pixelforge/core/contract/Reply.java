package dev.pixelforge.core.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One HTTP response as any target returns it; header names are matched case-insensitively. */
public record Reply(int status, Map<String, List<String>> headers, byte[] body) {

    public Reply {
        TreeMap<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach(
                (k, v) ->
                        caseless.merge(
                                k,
                                List.copyOf(v),
                                (a, b) -> {
                                    List<String> all = new ArrayList<>(a);
                                    all.addAll(b);
                                    return List.copyOf(all);
                                }));
        headers = Collections.unmodifiableMap(caseless);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty()
                ? Optional.empty()
                : Optional.of(String.join(", ", values));
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String shown = body.length > 300 ? text().substring(0, 300) + "..." : text();
        return "HTTP " + status + " " + headers + " " + shown;
    }
}
