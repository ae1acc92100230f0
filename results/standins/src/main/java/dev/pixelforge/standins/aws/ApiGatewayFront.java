package dev.pixelforge.standins.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.pixelforge.aws.apigateway.ProxyEventCodec;
import dev.pixelforge.standins.http.LoopbackServer;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway (REST API, Lambda proxy integration) in front of {@link LambdaService}: HTTP in, a
 * payload 1.0 event to the function, its proxy response back as HTTP, and API Gateway's own answers
 * where it answers itself. Status codes and bodies are AWS's (see results/README.md).
 */
public final class ApiGatewayFront implements AutoCloseable {

    /** API Gateway's payload quota. */
    static final long GATEWAY_PAYLOAD_LIMIT = 10L * 1024 * 1024;

    /** Lambda's synchronous invocation payload quota, each way. */
    static final long LAMBDA_PAYLOAD_LIMIT = 6L * 1024 * 1024;

    private static final String INTERNAL_ERROR = "{\"message\": \"Internal server error\"}";

    /**
     * The local API is deployed to stage {@code local}: every event's {@code requestContext.stage}.
     */
    private static final ProxyEventCodec EVENTS = new ProxyEventCodec("local", Clock.systemUTC());

    /**
     * What API Gateway answers a method that requires an API key when the request has none, or one
     * it does not know: 403 {"message":"Forbidden"} ("If you forget to set the x-api-key header or
     * set it with an incorrect key, you get a 403 Forbidden response",
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-usage-plan-test-with-postman.html).
     */
    static final String FORBIDDEN = "{\"message\":\"Forbidden\"}";

    private final LambdaService lambda;
    private final HttpServer server;
    private final byte[] apiKey;

    public ApiGatewayFront(LambdaService lambda, int port) throws IOException {
        this(lambda, port, null);
    }

    /**
     * {@code apiKey}: every method but the CORS preflight wants it in {@code x-api-key}, as the
     * private deployment's do (the SAM template's {@code Auth}); null for the studies' public API.
     */
    public ApiGatewayFront(LambdaService lambda, int port, String apiKey) throws IOException {
        this.lambda = lambda;
        this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        this.server = LoopbackServer.start(port, "api-gateway", this::handle);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().add("x-amz-apigw-id", requestId.substring(0, 8) + "=");
        try {
            if (isPreflight(exchange)) {
                preflight(exchange);
                return;
            }
            if (!keyAccepted(exchange)) {
                gatewayError(exchange, 403, "ForbiddenException", FORBIDDEN);
                return;
            }
            byte[] body = LoopbackServer.readBody(exchange, GATEWAY_PAYLOAD_LIMIT);
            if (body == null) {
                LoopbackServer.send(
                        exchange,
                        413,
                        "text/plain",
                        "HTTP content length exceeded " + GATEWAY_PAYLOAD_LIMIT + " bytes.");
                return;
            }
            byte[] event =
                    ProxyEventCodec.json(
                            EVENTS.request(
                                    exchange.getRequestMethod(),
                                    exchange.getRequestURI(),
                                    exchange.getRequestHeaders(),
                                    body,
                                    requestId,
                                    exchange.getRemoteAddress().getAddress().getHostAddress()));
            if (event.length > LAMBDA_PAYLOAD_LIMIT) {
                gatewayError(
                        exchange,
                        413,
                        "BadRequestException",
                        "{\"message\": \"Request Too Long\"}");
                return;
            }
            answer(exchange, lambda.invoke(event));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gatewayError(
                    exchange,
                    503,
                    "ServiceUnavailableException",
                    "{\"message\": \"Service Unavailable\"}");
        } finally {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange, LambdaService.Result result) throws IOException {
        if (result instanceof LambdaService.Throttled) {
            if (lambda.profile().throttleStatus() == 429) {
                gatewayError(
                        exchange,
                        429,
                        "TooManyRequestsException",
                        "{\"message\": \"Rate Exceeded.\"}");
            } else {
                gatewayError(
                        exchange,
                        lambda.profile().throttleStatus(),
                        "InternalServerErrorException",
                        INTERNAL_ERROR);
            }
            return;
        }
        if (result instanceof LambdaService.TimedOut) {
            gatewayError(
                    exchange,
                    504,
                    "InternalServerErrorException",
                    "{\"message\": \"Endpoint request timed out\"}");
            return;
        }
        Invocation.Outcome outcome = ((LambdaService.Completed) result).outcome();
        APIGatewayProxyResponseEvent proxy =
                outcome instanceof Invocation.Response response
                                && response.payload().length <= LAMBDA_PAYLOAD_LIMIT
                        ? ProxyEventCodec.response(response.payload())
                        : null;
        if (proxy == null) { // a function error, or a response that is not a proxy response
            gatewayError(exchange, 502, "InternalServerErrorException", INTERNAL_ERROR);
            return;
        }
        for (Map.Entry<String, List<String>> h : ProxyEventCodec.headers(proxy).entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Content-Length")
                    && !h.getKey().equalsIgnoreCase("Transfer-Encoding")) {
                exchange.getResponseHeaders().put(h.getKey(), h.getValue());
            }
        }
        LoopbackServer.send(exchange, proxy.getStatusCode(), ProxyEventCodec.body(proxy));
    }

    /** The key check, before the body is read or the function invoked, as API Gateway's. */
    private boolean keyAccepted(HttpExchange exchange) {
        if (apiKey == null) {
            return true;
        }
        String sent = exchange.getRequestHeaders().getFirst("x-api-key");
        return sent != null && MessageDigest.isEqual(apiKey, sent.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isPreflight(HttpExchange exchange) {
        return exchange.getRequestMethod().equals("OPTIONS")
                && exchange.getRequestHeaders().containsKey("Origin")
                && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method");
    }

    /**
     * CORS preflights are answered by API Gateway itself, by the mock OPTIONS integration that the
     * SAM template's {@code Cors} setting creates: they never invoke (or are throttled by) the
     * function.
     */
    private static void preflight(HttpExchange exchange) throws IOException {
        String headers = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET,POST,OPTIONS");
        exchange.getResponseHeaders()
                .add("Access-Control-Allow-Headers", headers == null ? "Content-Type" : headers);
        exchange.getResponseHeaders().add("Access-Control-Max-Age", "600");
        LoopbackServer.send(exchange, 200, "application/json", "{}");
    }

    /**
     * API Gateway's own answers. They carry CORS headers because PixelForge's API configures its
     * gateway responses (DEFAULT_4XX, DEFAULT_5XX) to add them, so that a page on another origin
     * can tell a throttle from an unreachable backend; without that, browsers hide these responses.
     */
    private static void gatewayError(HttpExchange exchange, int status, String type, String body)
            throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.getResponseHeaders()
                .add("Access-Control-Expose-Headers", "x-amzn-ErrorType, x-amzn-RequestId");
        LoopbackServer.send(exchange, status, "application/json", body);
    }

    @Override
    public void close() {
        LoopbackServer.stop(server);
    }
}
