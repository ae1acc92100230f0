package dev.pixelforge.standins.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.sun.net.httpserver.Headers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP to API Gateway's payload 1.0 proxy event and back, through AWS's own event serialiser (the
 * one the Lambda Java runtime reads events with). Binary media types are {@code *}/{@code *}, as in
 * PixelForge's SAM template: every body travels base64-encoded.
 */
final class ProxyEventCodec {

    private static final ClassLoader LOADER = ProxyEventCodec.class.getClassLoader();
    private static final PojoSerializer<APIGatewayProxyRequestEvent> REQUESTS =
            LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, LOADER);
    private static final PojoSerializer<APIGatewayProxyResponseEvent> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, LOADER);
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    static final String STAGE = "local";

    private ProxyEventCodec() {
    }

    static byte[] request(String method, URI uri, Headers headers, byte[] body, String requestId, String sourceIp) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        String path = uri.getRawPath();
        event.setResource("/{proxy+}");
        event.setPath(path);
        event.setHttpMethod(method);
        Map<String, String> single = new LinkedHashMap<>();
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            single.put(name, values.get(values.size() - 1)); // API Gateway keeps the last value in `headers`
            multi.put(name, List.copyOf(values));
        });
        event.setHeaders(single);
        event.setMultiValueHeaders(multi);
        Map<String, List<String>> query = query(uri.getRawQuery());
        if (!query.isEmpty()) {
            Map<String, String> last = new LinkedHashMap<>();
            query.forEach((k, v) -> last.put(k, v.get(v.size() - 1)));
            event.setQueryStringParameters(last);
            event.setMultiValueQueryStringParameters(query);
        }
        event.setPathParameters(Map.of("proxy", path.length() > 1 ? path.substring(1) : ""));
        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
        identity.setSourceIp(sourceIp);
        identity.setUserAgent(headers.getFirst("User-Agent"));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAccountId("000000000000");
        context.setApiId("pixelforge");
        context.setResourceId("proxy");
        context.setResourcePath("/{proxy+}");
        context.setHttpMethod(method);
        context.setPath("/" + STAGE + path);
        context.setProtocol("HTTP/1.1");
        context.setRequestId(requestId);
        context.setExtendedRequestId(requestId);
        context.setStage(STAGE);
        context.setRequestTimeEpoch(System.currentTimeMillis());
        context.setRequestTime(ZonedDateTime.now(ZoneOffset.UTC).format(REQUEST_TIME));
        context.setDomainName(headers.getFirst("Host"));
        context.setIdentity(identity);
        event.setRequestContext(context);
        if (body.length > 0) {
            event.setBody(Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(true);
        } else {
            event.setIsBase64Encoded(false);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4 / 3 + 4096);
        REQUESTS.toJson(event, out);
        return out.toByteArray();
    }

    /** The function's proxy response, or null when it is not one (API Gateway then answers 502). */
    static APIGatewayProxyResponseEvent response(byte[] payload) {
        try {
            APIGatewayProxyResponseEvent response = RESPONSES.fromJson(new ByteArrayInputStream(payload));
            return response == null || response.getStatusCode() == null ? null : response;
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** The response body's bytes: base64-decoded when the function flagged it so. */
    static byte[] body(APIGatewayProxyResponseEvent response) {
        String body = response.getBody() == null ? "" : response.getBody();
        return Boolean.TRUE.equals(response.getIsBase64Encoded())
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Every header of the response, merged as API Gateway merges them: {@code multiValueHeaders}
     * first, then {@code headers}, a pair given in both appearing once.
     */
    static Map<String, List<String>> headers(APIGatewayProxyResponseEvent response) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> all.put(k, new ArrayList<>(v)));
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> {
                List<String> values = all.computeIfAbsent(k, x -> new ArrayList<>());
                if (!values.contains(v)) {
                    values.add(v);
                }
            });
        }
        return all;
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return params;
    }
}
