package dev.pixelforge.core.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request as the contract suite describes it, independent of how a target receives it. */
public record Call(
        String method,
        String path,
        Map<String, String> query,
        Map<String, String> headers,
        byte[] body) {

    public static Call get(String path) {
        return new Call("GET", path, Map.of(), Map.of(), new byte[0]);
    }

    public static Call post(String path, String contentType, byte[] body) {
        return new Call("POST", path, Map.of(), Map.of("Content-Type", contentType), body);
    }

    public Call withQuery(String name, String value) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(name, value);
        return new Call(method, path, Map.copyOf(q), headers, body);
    }

    public Call withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Call(method, path, query, Map.copyOf(h), body);
    }

    /** The path with its query string, percent-encoded, for targets reached over HTTP. */
    public String pathAndQuery() {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path).append('?');
        query.forEach((k, v) -> sb.append(encode(k)).append('=').append(encode(v)).append('&'));
        return sb.substring(0, sb.length() - 1);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
