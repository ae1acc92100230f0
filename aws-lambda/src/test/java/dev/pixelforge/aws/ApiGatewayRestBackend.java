package dev.pixelforge.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import dev.pixelforge.aws.apigateway.ProxyEventCodec;
import dev.pixelforge.core.contract.Backend;
import dev.pixelforge.core.contract.Call;
import dev.pixelforge.core.contract.Reply;

import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Lambda target as API Gateway (REST, proxy integration, binary media types {@code *}/{@code
 * *}) drives it: each call becomes a payload 1.0 event through {@link ProxyEventCodec}, the codec
 * the local API Gateway uses too, and is handed to the real Micronaut handler; the proxy response
 * comes back as HTTP. The request arrives with the headers of AWS's sample event (a client through
 * CloudFront) plus the call's own.
 */
final class ApiGatewayRestBackend implements Backend {

    private static final PojoSerializer<APIGatewayProxyRequestEvent> EVENTS =
            LambdaEventSerializers.serializerFor(
                    APIGatewayProxyRequestEvent.class,
                    ApiGatewayRestBackend.class.getClassLoader());

    private final ApiGatewayProxyRequestEventFunction handler;
    private final ProxyEventCodec gateway;
    private final Map<String, List<String>> clientHeaders;
    private final String sourceIp;

    ApiGatewayRestBackend(ApiGatewayProxyRequestEventFunction handler) throws IOException {
        this.handler = handler;
        APIGatewayProxyRequestEvent sample;
        try (InputStream in =
                ApiGatewayRestBackend.class.getResourceAsStream(
                        "/apigateway/rest-proxy-request.json")) {
            sample = EVENTS.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        this.gateway =
                new ProxyEventCodec(sample.getRequestContext().getStage(), Clock.systemUTC());
        this.clientHeaders =
                Collections.unmodifiableMap(new LinkedHashMap<>(sample.getMultiValueHeaders()));
        this.sourceIp = sample.getRequestContext().getIdentity().getSourceIp();
    }

    @Override
    public String target() {
        return "aws-lambda";
    }

    @Override
    public Reply send(Call call) {
        APIGatewayProxyResponseEvent response =
                handler.handleRequest(event(call), new MockLambdaContext());
        return new Reply(
                response.getStatusCode(),
                ProxyEventCodec.headers(response),
                ProxyEventCodec.body(response));
    }

    /** The event API Gateway would send for {@code call}. */
    APIGatewayProxyRequestEvent event(Call call) {
        Map<String, List<String>> headers = new LinkedHashMap<>(clientHeaders);
        call.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        return gateway.request(
                call.method(),
                URI.create(call.pathAndQuery()),
                headers,
                call.body(),
                UUID.randomUUID().toString(),
                sourceIp);
    }

    @Override
    public void close() {
        handler.close();
    }
}
