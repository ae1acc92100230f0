package dev.pixelforge.aws.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway (REST API, Lambda proxy integration on {@code /{proxy+}}, payload format 1.0) between
 * HTTP and the function: a request becomes the proxy event, the function's proxy response becomes
 * HTTP. Events are written and read with AWS's own event serialiser, the one the Lambda Java
 * runtime reads them with. Binary media types are {@code *}/{@code *}, as in PixelForge's SAM
 * template, so every request body travels base64-encoded.
 *
 * <p>The one codec of the project: the Lambda contract tests ({@code ApiGatewayRestBackend}) drive
 * the handler through it, and the local API Gateway ({@code
 * dev.pixelforge.standins.aws.ApiGatewayFront}) fronts the real Lambda runtime with it. It lives in
 * this module's test-jar because that is the one place both can reach: this deployable may not
 * depend on {@code results/*}, and the codec is API Gateway's view of exactly this deployable, next
 * to AWS's sample event it is checked against. Core's test-jar was the other candidate, but core is
 * platform-neutral: it would have taken AWS's event libraries into its test scope, and into the
 * test-jar every other target consumes. The test-jar holds this package only (see pom.xml), so the
 * stand-ins' run class path gets no JUnit code.
 */
public final class ProxyEventCodec {

    private static final ClassLoader LOADER = ProxyEventCodec.class.getClassLoader();
    private static final PojoSerializer<APIGatewayProxyRequestEvent> REQUESTS =
            LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, LOADER);
    private static final PojoSerializer<APIGatewayProxyResponseEvent> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, LOADER);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private final String stage;
    private final Clock clock;

    /**
     * @param stage the API's stage, the first segment of {@code requestContext.path}
     * @param clock the time of {@code requestContext.requestTime} and {@code requestTimeEpoch}
     */
    public ProxyEventCodec(String stage, Clock clock) {
        this.stage = stage;
        this.clock = clock;
    }

    /**
     * The event API Gateway sends the function for one HTTP request.
     *
     * @param uri the request's target: only its raw path and raw query are read
     * @param headers the request's headers, each with its values in arrival order
     */
    public APIGatewayProxyRequestEvent request(
            String method,
            URI uri,
            Map<String, List<String>> headers,
            byte[] body,
            String requestId,
            String sourceIp) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        String path = uri.getRawPath();
        event.setResource("/{proxy+}");
        event.setPath(path);
        event.setHttpMethod(method);
        Map<String, String> single = new LinkedHashMap<>();
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach(
                (name, values) -> {
                    if (!values.isEmpty()) {
                        single.put(
                                name,
                                values.get(
                                        values.size() - 1)); // API Gateway keeps the last value in
                        // `headers`
                        multi.put(name, List.copyOf(values));
                    }
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
        APIGatewayProxyRequestEvent.RequestIdentity identity =
                new APIGatewayProxyRequestEvent.RequestIdentity();
        identity.setSourceIp(sourceIp);
        identity.setUserAgent(first(headers, "User-Agent"));
        APIGatewayProxyRequestEvent.ProxyRequestContext context =
                new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAccountId("000000000000");
        context.setApiId("pixelforge");
        context.setResourceId("proxy");
        context.setResourcePath("/{proxy+}");
        context.setHttpMethod(method);
        context.setPath("/" + stage + path);
        context.setProtocol("HTTP/1.1");
        context.setRequestId(requestId);
        context.setExtendedRequestId(requestId);
        context.setStage(stage);
        context.setRequestTimeEpoch(clock.millis());
        context.setRequestTime(ZonedDateTime.now(clock).format(REQUEST_TIME));
        context.setDomainName(first(headers, "Host"));
        context.setIdentity(identity);
        event.setRequestContext(context);
        if (body.length > 0) {
            event.setBody(Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(true);
        } else {
            event.setIsBase64Encoded(false);
        }
        return event;
    }

    /** The event as the JSON the Lambda Runtime API hands the function. */
    public static byte[] json(APIGatewayProxyRequestEvent event) {
        int bodyChars = event.getBody() == null ? 0 : event.getBody().length();
        ByteArrayOutputStream out = new ByteArrayOutputStream(bodyChars + 4096);
        REQUESTS.toJson(event, out);
        return out.toByteArray();
    }

    /** The function's proxy response, or null when it is not one (API Gateway then answers 502). */
    public static APIGatewayProxyResponseEvent response(byte[] payload) {
        try {
            APIGatewayProxyResponseEvent response =
                    RESPONSES.fromJson(new ByteArrayInputStream(payload));
            return response == null || response.getStatusCode() == null ? null : response;
        } catch (RuntimeException malformed) {
            // Not JSON, or not the proxy response's shape: to API Gateway that is the same 502, so
            // no detail is kept.
            return null;
        }
    }

    /** The response body's bytes: base64-decoded when the function flagged it so. */
    public static byte[] body(APIGatewayProxyResponseEvent response) {
        String body = response.getBody() == null ? "" : response.getBody();
        return Boolean.TRUE.equals(response.getIsBase64Encoded())
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Every header of the response, as API Gateway merges the two maps. AWS documents it in the API
     * Gateway Developer Guide, "Lambda proxy integrations in API Gateway", section "Output format
     * of a Lambda function for proxy integration"
     * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format):
     * "If you specify values for both headers and multiValueHeaders, API Gateway merges them into a
     * single list. If the same key-value pair is specified in both, only the values from
     * multiValueHeaders will appear in the merged list." So a name in both maps gets the values of
     * {@code multiValueHeaders} followed by the value of {@code headers}, unless that value is
     * already among them; it does not replace or hide either.
     */
    public static Map<String, List<String>> headers(APIGatewayProxyResponseEvent response) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> all.put(k, new ArrayList<>(v)));
        }
        if (response.getHeaders() != null) {
            response.getHeaders()
                    .forEach(
                            (k, v) -> {
                                List<String> values =
                                        all.computeIfAbsent(k, x -> new ArrayList<>());
                                if (!values.contains(v)) {
                                    values.add(v);
                                }
                            });
        }
        return all;
    }

    /**
     * The first value of a header, its name matched case-insensitively as HTTP says; null when
     * absent.
     */
    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
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
            String k =
                    URLDecoder.decode(
                            eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v =
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return params;
    }
}
