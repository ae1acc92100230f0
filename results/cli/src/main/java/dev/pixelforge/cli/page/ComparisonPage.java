package dev.pixelforge.cli.page;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.jmeter.Credential;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.standins.process.DaemonThreads;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Serves the comparison page (web-ui's static files) on its own loopback origin, with a {@code
 * config.json} naming the backends and the image set as samples. The page itself needs nothing from
 * this server beyond static files: any static host will do.
 */
public final class ComparisonPage implements AutoCloseable {

    private static final Map<String, String> TYPES =
            Map.of(
                    "html",
                    "text/html; charset=utf-8",
                    "js",
                    "text/javascript; charset=utf-8",
                    "css",
                    "text/css; charset=utf-8",
                    "json",
                    "application/json",
                    "png",
                    "image/png",
                    "jpg",
                    "image/jpeg",
                    "gif",
                    "image/gif",
                    "bmp",
                    "image/bmp");

    private final HttpServer server;
    private final Path site;
    private final Path samples;
    private final String config;

    private ComparisonPage(HttpServer server, Path site, Path samples, String config) {
        this.server = server;
        this.site = site.toAbsolutePath().normalize();
        this.samples = samples.toAbsolutePath().normalize();
        this.config = config;
    }

    /**
     * Serves {@code site} (web-ui/src/main/webapp) on {@code port} (0: any), pointing the page at
     * {@code backends} (target id to URL) with {@code images} as its samples.
     */
    public static ComparisonPage start(
            Path site, int port, Map<String, URI> backends, List<StudyImage> images)
            throws IOException {
        return start(site, port, backends, images, Map.of());
    }

    /**
     * As above; {@code credentials}: what the page sends to a private backend (target id to
     * header), in {@code config.json}, which this server gives to loopback only and no cache keeps.
     * The page then holds the key in its memory, as a script calling a private API must.
     */
    public static ComparisonPage start(
            Path site,
            int port,
            Map<String, URI> backends,
            List<StudyImage> images,
            Map<String, Credential> credentials)
            throws IOException {
        if (!Files.isRegularFile(site.resolve(RunLayout.INDEX_HTML))) {
            throw new IOException(site + " has no index.html: give the repository root");
        }
        String config =
                "{\"backends\":{"
                        + backends.entrySet().stream()
                                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                                .collect(Collectors.joining(","))
                        + "},"
                        + "\"credentials\":{"
                        + credentials.entrySet().stream()
                                .map(
                                        e ->
                                                "\""
                                                        + e.getKey()
                                                        + "\":{\"header\":\""
                                                        + json(e.getValue().header())
                                                        + "\",\"value\":\""
                                                        + json(
                                                                e.getValue().scheme()
                                                                        + e.getValue().value())
                                                        + "\"}")
                                .collect(Collectors.joining(","))
                        + "},"
                        + "\"samples\":["
                        + images.stream()
                                .sorted(
                                        (a, b) ->
                                                a.name().startsWith("640x480")
                                                        ? -1
                                                        : b.name().startsWith("640x480") ? 1 : 0)
                                .map(
                                        i ->
                                                "{\"name\":\""
                                                        + i.name()
                                                        + "\",\"url\":\"samples/"
                                                        + i.file().getFileName()
                                                        + "\"}")
                                .collect(Collectors.joining(","))
                        + "]}";
        Path sampleDir = images.isEmpty() ? site : images.get(0).file().getParent();
        HttpServer server =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newFixedThreadPool(4, DaemonThreads.named("comparison-page")));
        ComparisonPage page = new ComparisonPage(server, site, sampleDir, config);
        server.createContext("/", page::serve);
        server.start();
        return page;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/config.json")) {
                send(exchange, 200, TYPES.get("json"), config.getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path file =
                    path.startsWith("/samples/")
                            ? samples.resolve(path.substring("/samples/".length())).normalize()
                            : site.resolve(
                                            path.equals("/")
                                                    ? RunLayout.INDEX_HTML
                                                    : path.substring(1))
                                    .normalize();
            boolean inside = file.startsWith(site) || file.startsWith(samples);
            if (!inside || !Files.isRegularFile(file)) {
                send(
                        exchange,
                        404,
                        "text/plain; charset=utf-8",
                        ("no " + path + " here").getBytes(StandardCharsets.UTF_8));
                return;
            }
            String name = file.getFileName().toString();
            String type =
                    TYPES.getOrDefault(
                            name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            send(exchange, 200, type, Files.readAllBytes(file));
        }
    }

    /** A JSON string's content: quotes and backslashes escaped, control characters refused. */
    private static String json(String text) {
        if (text.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("a credential with a control character");
        }
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
