package dev.pixelforge.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

/**
 * A loopback backend whose answers a test chooses, for what the real stand-ins do not do on demand:
 * a given mix of successes, throttles and errors, or a 200 with a body the page cannot read. Each
 * route is a backend of its own ({@code url(name)}); it answers {@code POST <url>/generate} and
 * {@code POST <url>/tone} with what its {@link Behaviour} says for the n-th request, with the
 * headers the real functions send (CORS, exposed Server-Timing and PixelForge headers,
 * Timing-Allow-Origin).
 */
final class FakeBackend implements AutoCloseable {

    /**
     * One answer: status, content type, body, and whether it names an instance (the function ran).
     */
    record Reply(int status, String type, byte[] body, boolean fromFunction) {
        static Reply json(int status, String json, boolean fromFunction) {
            return new Reply(
                    status,
                    "application/json",
                    json.getBytes(StandardCharsets.UTF_8),
                    fromFunction);
        }
    }

    @FunctionalInterface
    interface Behaviour {
        /** The answer to the route's n-th request (from 1, preflights not counted). */
        Reply reply(int n);
    }

    /** A 4x4 PNG: what the generate answer carries, and a file a reader may convert. */
    static final byte[] PNG = tinyPng();

    /** A generate answer the page can show: one small PNG. */
    static final Reply IMAGES =
            Reply.json(
                    200,
                    "{\"images\":[{\"seed\":7,\"image\":\""
                            + Base64.getEncoder().encodeToString(PNG)
                            + "\"}]}",
                    true);

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, Behaviour> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    private FakeBackend(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static FakeBackend start() throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        FakeBackend fake = new FakeBackend(server, threads);
        server.setExecutor(threads);
        server.createContext("/", fake::serve);
        server.start();
        return fake;
    }

    /** The base URL of a backend that answers as {@code behaviour} says. */
    URI route(String name, Behaviour behaviour) {
        routes.put(name, behaviour);
        served.put(name, new AtomicInteger());
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    /** How many requests (not preflights) the route has answered. */
    int served(String name) {
        return served.get(name).get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            in.readAllBytes(); // the whole request, before answering it
            var headers = exchange.getResponseHeaders();
            headers.set("Access-Control-Allow-Origin", "*");
            headers.set("Cache-Control", "no-store");
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                headers.set("Access-Control-Allow-Methods", "POST");
                headers.set("Access-Control-Allow-Headers", "Content-Type");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            Behaviour behaviour = path.length == 3 ? routes.get(path[1]) : null;
            if (behaviour == null || !(path[2].equals("generate") || path[2].equals("tone"))) {
                send(
                        exchange,
                        new Reply(
                                404,
                                "text/plain",
                                "no such route".getBytes(StandardCharsets.UTF_8),
                                false));
                return;
            }
            Reply reply = behaviour.reply(served.get(path[1]).incrementAndGet());
            headers.set(
                    "Access-Control-Expose-Headers",
                    "Server-Timing, X-PixelForge-Instance, X-PixelForge-Cold");
            headers.set("Timing-Allow-Origin", "*");
            if (reply.fromFunction()) {
                headers.set("Server-Timing", "app;dur=1.5");
                headers.set("X-PixelForge-Instance", "0000fake");
                headers.set("X-PixelForge-Cold", "false");
            }
            send(exchange, reply);
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.type());
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private static byte[] tinyPng() {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", png);
            return png.toByteArray();
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
