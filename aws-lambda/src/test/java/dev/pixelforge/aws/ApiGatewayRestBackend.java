package dev.pixelforge.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.pixelforge.core.contract.Backend;
import dev.pixelforge.core.contract.Call;
import dev.pixelforge.core.contract.Reply;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Lambda target as API Gateway (REST, proxy integration, binary media types {@code *}/{@code *})
 * drives it: each call becomes a payload 1.0 event built on AWS's sample, through AWS's own event
 * serialiser, and is handed to the real Micronaut handler; the proxy response comes back as HTTP.
 */
final class ApiGatewayRestBackend implements Backend {

    private static final PojoSerializer<APIGatewayProxyRequestEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, ApiGatewayRestBackend.class.getClassLoader());

    private final ApiGatewayProxyRequestEventFunction handler;
    private final String template;

    ApiGatewayRestBackend(ApiGatewayProxyRequestEventFunction handler) throws IOException {
        this.handler = handler;
        try (InputStream in = ApiGatewayRestBackend.class.getResourceAsStream("/apigateway/rest-proxy-request.json")) {
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public String target() {
        return "aws-lambda";
    }

    @Override
    public Reply send(Call call) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event(call), new MockLambdaContext());
        return reply(response);
    }

    /** The event API Gateway would send for {@code call}. */
    APIGatewayProxyRequestEvent event(Call call) {
        APIGatewayProxyRequestEvent event = EVENTS.fromJson(template);
        event.setHttpMethod(call.method());
        event.setPath(call.path());
        event.setPathParameters(Map.of("proxy", call.path().substring(1)));
        event.getRequestContext().setHttpMethod(call.method());
        event.getRequestContext().setPath("/Prod" + call.path());
        event.getRequestContext().setRequestId(UUID.randomUUID().toString());
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        Map<String, List<String>> multi = new LinkedHashMap<>(event.getMultiValueHeaders());
        call.headers().forEach((k, v) -> {
            headers.put(k, v);
            multi.put(k, List.of(v));
        });
        event.setHeaders(headers);
        event.setMultiValueHeaders(multi);
        if (!call.query().isEmpty()) {
            event.setQueryStringParameters(Map.copyOf(call.query()));
            Map<String, List<String>> multiQuery = new LinkedHashMap<>();
            call.query().forEach((k, v) -> multiQuery.put(k, List.of(v)));
            event.setMultiValueQueryStringParameters(multiQuery);
        }
        // Binary media types */*: API Gateway base64-encodes every body it passes on.
        if (call.body().length > 0) {
            event.setBody(Base64.getEncoder().encodeToString(call.body()));
            event.setIsBase64Encoded(true);
        } else {
            event.setBody(null);
            event.setIsBase64Encoded(false);
        }
        return event;
    }

    private static Reply reply(APIGatewayProxyResponseEvent response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getMultiValueHeaders() != null) {
            headers.putAll(response.getMultiValueHeaders());
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> headers.putIfAbsent(k, List.of(v)));
        }
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = Boolean.TRUE.equals(response.getIsBase64Encoded())
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new Reply(response.getStatusCode(), headers, bytes);
    }

    @Override
    public void close() {
        handler.close();
    }
}
