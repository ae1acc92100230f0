package dev.pixelforge.standins.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import dev.pixelforge.standins.process.DaemonThreads;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on loopback, as every stand-in front uses it, and the exchange helpers they
 * share.
 */
public final class LoopbackServer {

    static {
        // Without it the JDK server delays small responses by 40-85 ms (Nagle + delayed ACK).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackServer() {}

    /** A server on 127.0.0.1:{@code port} (0: any free port), one thread per open request. */
    public static HttpServer start(int port, String name, HttpHandler handler) throws IOException {
        HttpServer server =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named(name));
        server.setExecutor(threads);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    public static void stop(HttpServer server) {
        server.stop(0);
        if (server.getExecutor() instanceof ExecutorService threads) {
            threads.shutdownNow();
        }
    }

    /**
     * The body, or null when it is longer than {@code limit}. An oversized body is still read to
     * its end and dropped, so the client finishes sending and reads the refusal instead of a reset.
     */
    public static byte[] readBody(HttpExchange exchange, long limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            return body;
        }
    }

    public static void send(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    public static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
