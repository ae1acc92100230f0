package dev.pixelforge.standins.google;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.pixelforge.standins.http.LoopbackServer;
import dev.pixelforge.standins.scheduling.Admission;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The front of Cloud Run and Cloud Functions gen2 (Google's front end) before an {@link
 * InstancePool}: takes the request, holds it until an instance has a free slot (or refuses it after
 * the queue timeout), and relays it to that instance over loopback.
 */
public final class PoolFront implements AutoCloseable {

    /** Cloud Run's and Cloud Functions gen2's request size limit over HTTP/1. */
    static final long REQUEST_LIMIT = 32L * 1024 * 1024;

    /**
     * Headers the JDK client sets itself or refuses, and hop-by-hop ones a proxy must not relay.
     */
    private static final Set<String> NOT_RELAYED =
            Set.of(
                    "connection",
                    "content-length",
                    "expect",
                    "host",
                    "upgrade",
                    "transfer-encoding",
                    "keep-alive",
                    "te",
                    "trailer",
                    "proxy-connection");

    private final InstancePool pool;
    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public PoolFront(InstancePool pool, int port) throws IOException {
        this.pool = pool;
        this.server =
                LoopbackServer.start(port, pool.profile().target().id() + "-front", this::handle);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = LoopbackServer.readBody(exchange, REQUEST_LIMIT);
            if (body == null) {
                LoopbackServer.send(
                        exchange,
                        413,
                        "text/html; charset=UTF-8",
                        "<!DOCTYPE html><html><head><title>413 Request Entity Too"
                                + " Large</title></head><body><h1>Error: Request Entity Too"
                                + " Large</h1><h2>Your client issued a request that was too"
                                + " large.</h2></body></html>");
                return;
            }
            if (!(pool.acquire() instanceof Admission.Lease<PooledInstance> lease)) {
                LoopbackServer.send(
                        exchange,
                        pool.profile().throttleStatus(),
                        "text/plain; charset=UTF-8",
                        "The request was aborted because there was no available instance.");
                return;
            }
            try {
                relay(exchange, lease.process().port(), body);
            } finally {
                pool.release(lease);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LoopbackServer.send(exchange, 503, "text/plain", "the stand-in is stopping");
        } finally {
            exchange.close();
        }
    }

    private void relay(HttpExchange exchange, int port, byte[] body)
            throws IOException, InterruptedException {
        URI uri =
                URI.create(
                        "http://127.0.0.1:"
                                + port
                                + exchange.getRequestURI().getRawPath()
                                + (exchange.getRequestURI().getRawQuery() == null
                                        ? ""
                                        : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(pool.profile().timeout())
                        .method(
                                exchange.getRequestMethod(),
                                body.length == 0 && !"POST".equals(exchange.getRequestMethod())
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            if (!NOT_RELAYED.contains(h.getKey().toLowerCase())) {
                h.getValue().forEach(v -> request.header(h.getKey(), v));
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            LoopbackServer.send(exchange, 504, "text/plain", "upstream request timeout");
            return;
        } catch (IOException e) {
            LoopbackServer.send(
                    exchange,
                    503,
                    "text/plain",
                    "the instance closed the connection: " + e.getMessage());
            return;
        }
        response.headers()
                .map()
                .forEach(
                        (name, values) -> {
                            if (!NOT_RELAYED.contains(name.toLowerCase())
                                    && !name.startsWith(":")) {
                                exchange.getResponseHeaders().put(name, values);
                            }
                        });
        LoopbackServer.send(exchange, response.statusCode(), response.body());
    }

    @Override
    public void close() {
        LoopbackServer.stop(server);
    }
}
