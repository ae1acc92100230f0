package dev.pixelforge.aws.apigateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * API Gateway's proxy-event codec on its own, no handler and no process: HTTP to the payload 1.0
 * event, the proxy response back to HTTP, and the documented merge of the two header maps.
 */
class ProxyEventCodecTest {

    /**
     * The request time of AWS's sample event
     * (src/test/resources/apigateway/rest-proxy-request.json).
     */
    private static final Instant SAMPLE_TIME = Instant.parse("2020-03-10T00:03:59.428Z");

    private static final ProxyEventCodec CODEC =
            new ProxyEventCodec("local", Clock.fixed(SAMPLE_TIME, ZoneOffset.UTC));
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private static APIGatewayProxyRequestEvent post(
            String target, Map<String, List<String>> headers, byte[] body) {
        return CODEC.request("POST", URI.create(target), headers, body, "req-1", "203.0.113.7");
    }

    @Test
    void request_withBody_carriesItBase64EncodedAndFlagged() {
        APIGatewayProxyRequestEvent event =
                post("/tone", Map.of(), new byte[] {0, 1, 2, (byte) 0xFF, 'P', 'N', 'G'});

        assertEquals("AAEC/1BORw==", event.getBody());
        assertEquals(Boolean.TRUE, event.getIsBase64Encoded());
    }

    @Test
    void request_withoutBody_hasNoBodyAndIsNotBase64Encoded() {
        APIGatewayProxyRequestEvent event =
                CODEC.request(
                        "GET",
                        URI.create("/health"),
                        Map.of(),
                        new byte[0],
                        "req-1",
                        "203.0.113.7");

        assertNull(event.getBody());
        assertEquals(Boolean.FALSE, event.getIsBase64Encoded());
    }

    @Test
    void request_query_givesTheLastValueOfEachNameAndAllValuesInTheMultiValueMap() {
        APIGatewayProxyRequestEvent event =
                post(
                        "/tone?scale=gray&scale=sepia&note=a%20b+c&flag&&q%26=x%3Dy",
                        Map.of(), new byte[0]);

        assertEquals(
                Map.of("scale", "sepia", "note", "a b c", "flag", "", "q&", "x=y"),
                event.getQueryStringParameters());
        assertEquals(
                Map.of(
                        "scale",
                        List.of("gray", "sepia"),
                        "note",
                        List.of("a b c"),
                        "flag",
                        List.of(""),
                        "q&",
                        List.of("x=y")),
                event.getMultiValueQueryStringParameters());
    }

    @Test
    void request_withoutQuery_hasNeitherQueryMap() {
        APIGatewayProxyRequestEvent event = post("/tone", Map.of(), new byte[0]);

        assertNull(event.getQueryStringParameters());
        assertNull(event.getMultiValueQueryStringParameters());
    }

    @Test
    void request_headers_giveTheLastValueOfEachNameAndAllValuesInMultiValueHeaders() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("image/png", "*/*"));
        headers.put("host", List.of("127.0.0.1:3000"));
        headers.put("user-agent", List.of("curl/8.5.0"));

        APIGatewayProxyRequestEvent event = post("/tone", headers, new byte[0]);

        assertEquals(
                Map.of("Accept", "*/*", "host", "127.0.0.1:3000", "user-agent", "curl/8.5.0"),
                event.getHeaders());
        assertEquals(headers, event.getMultiValueHeaders());
        assertEquals(
                "curl/8.5.0",
                event.getRequestContext().getIdentity().getUserAgent(),
                "User-Agent, matched case-insensitively");
        assertEquals(
                "127.0.0.1:3000",
                event.getRequestContext().getDomainName(),
                "Host, matched case-insensitively");
    }

    @Test
    void request_pathAndContext_areThoseOfAProxyResourceOnTheCodecsStage() {
        APIGatewayProxyRequestEvent event = post("/tone", Map.of(), new byte[0]);

        assertEquals("POST", event.getHttpMethod());
        assertEquals("/{proxy+}", event.getResource());
        assertEquals("/tone", event.getPath());
        assertEquals(Map.of("proxy", "tone"), event.getPathParameters());
        APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
        assertEquals("POST", context.getHttpMethod());
        assertEquals("/{proxy+}", context.getResourcePath());
        assertEquals("local", context.getStage());
        assertEquals("/local/tone", context.getPath());
        assertEquals("HTTP/1.1", context.getProtocol());
        assertEquals("req-1", context.getRequestId());
        assertEquals("req-1", context.getExtendedRequestId());
        assertEquals("203.0.113.7", context.getIdentity().getSourceIp());
        assertEquals(1583798639428L, context.getRequestTimeEpoch());
        assertEquals(
                "10/Mar/2020:00:03:59 +0000",
                context.getRequestTime(),
                "the format of AWS's sample event");
    }

    @Test
    void request_forTheRoot_hasAnEmptyProxyParameter() {
        assertEquals(Map.of("proxy", ""), post("/", Map.of(), new byte[0]).getPathParameters());
    }

    @Test
    void json_hasTheFieldsOfAwsSampleEvent_withBodyAndFlagUnderTheirWireNames() throws IOException {
        APIGatewayProxyRequestEvent event =
                post(
                        "/tone?scale=gray",
                        Map.of("Host", List.of("h")),
                        "hi".getBytes(StandardCharsets.US_ASCII));

        Map<String, Object> written =
                JSON.readValue(
                        ProxyEventCodec.json(event), Argument.mapOf(String.class, Object.class));
        Map<String, Object> sample;
        try (InputStream in =
                getClass().getResourceAsStream("/apigateway/rest-proxy-request.json")) {
            sample = JSON.readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
        }

        TreeSet<String> expected = new TreeSet<>(sample.keySet());
        expected.remove(
                "stageVariables"); // null in the sample; the API has none, and AWS's serialiser
        // leaves nulls out
        assertEquals(expected, new TreeSet<>(written.keySet()));
        assertEquals("aGk=", written.get("body"));
        assertEquals(true, written.get("isBase64Encoded"));
    }

    @Test
    void response_withBase64Body_givesStatusHeadersAndTheDecodedBytes() {
        APIGatewayProxyResponseEvent response =
                ProxyEventCodec.response(
                        ("""
                        {"statusCode": 200, "headers": {"Content-Type": "image/png"},
                         "multiValueHeaders": {"X-PixelForge-Cold": ["true"]},
                         "body": "iVBORw0KGgo=", "isBase64Encoded": true}\
                        """)
                                .getBytes(StandardCharsets.UTF_8));

        assertNotNull(response);
        assertEquals(200, response.getStatusCode());
        assertEquals(
                Map.of("X-PixelForge-Cold", List.of("true"), "Content-Type", List.of("image/png")),
                ProxyEventCodec.headers(response));
        assertArrayEquals(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
                ProxyEventCodec.body(response));
    }

    @Test
    void response_withTextBody_givesItsUtf8Bytes() {
        APIGatewayProxyResponseEvent response =
                ProxyEventCodec.response(
                        ("{\"statusCode\": 400, \"body\": \"caf\\u00e9\","
                                        + " \"isBase64Encoded\": false}")
                                .getBytes(StandardCharsets.UTF_8));

        assertEquals(400, response.getStatusCode());
        assertArrayEquals(
                new byte[] {'c', 'a', 'f', (byte) 0xC3, (byte) 0xA9},
                ProxyEventCodec.body(response));
    }

    @Test
    void response_withStatusOnly_hasNoHeadersAndAnEmptyBody() {
        APIGatewayProxyResponseEvent response =
                ProxyEventCodec.response("{\"statusCode\": 204}".getBytes(StandardCharsets.UTF_8));

        assertEquals(204, response.getStatusCode());
        assertEquals(Map.of(), ProxyEventCodec.headers(response));
        assertArrayEquals(new byte[0], ProxyEventCodec.body(response));
    }

    @Test
    void response_thatIsNotAProxyResponse_isNull() {
        assertNull(
                ProxyEventCodec.response("Task timed out".getBytes(StandardCharsets.UTF_8)),
                "not JSON");
        assertNull(
                ProxyEventCodec.response(
                        "{\"body\": \"no status\"}".getBytes(StandardCharsets.UTF_8)),
                "no statusCode");
        assertNull(
                ProxyEventCodec.response("null".getBytes(StandardCharsets.UTF_8)),
                "a handler that returned null");
    }

    @Test
    void headers_nameInBothMaps_getsTheMultiValuesThenTheSingleValue() {
        APIGatewayProxyResponseEvent response =
                new APIGatewayProxyResponseEvent()
                        .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=2")))
                        .withHeaders(Map.of("Set-Cookie", "c=3"));

        assertEquals(
                Map.of("Set-Cookie", List.of("a=1", "b=2", "c=3")),
                ProxyEventCodec.headers(response));
    }

    @Test
    void headers_samePairInBothMaps_appearsOnce() {
        APIGatewayProxyResponseEvent response =
                new APIGatewayProxyResponseEvent()
                        .withMultiValueHeaders(
                                Map.of(
                                        "Content-Type",
                                        List.of("image/png"),
                                        "Vary",
                                        List.of("Origin", "Accept")))
                        .withHeaders(
                                Map.of(
                                        "Content-Type",
                                        "image/png",
                                        "Vary",
                                        "Accept",
                                        "Server-Timing",
                                        "app;dur=3.1"));

        assertEquals(
                Map.of(
                        "Content-Type",
                        List.of("image/png"),
                        "Vary",
                        List.of("Origin", "Accept"),
                        "Server-Timing",
                        List.of("app;dur=3.1")),
                ProxyEventCodec.headers(response));
    }
}
