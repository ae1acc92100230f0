package dev.pixelforge.standins.aws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.aws.apigateway.ProxyEventCodec;
import dev.pixelforge.platform.payload.LargestImage;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The envelope LargestImage allows for is more than a load-client request's event needs. */
class ProxyEventEnvelopeTest {

    @Test
    void aLoadClientRequestsEvent_addsUnderHalfTheEnvelopeAllowance_toItsBase64Body() {
        byte[] body = new byte[300_000];
        Map<String, List<String>> headers =
                Map.of(
                        "Content-Type", List.of("application/json"),
                        "Host", List.of("127.0.0.1:45678"),
                        "User-Agent", List.of("Apache-HttpClient/4.5.14 (Java/25.0.3)"),
                        "Connection", List.of("keep-alive"),
                        "Content-Length", List.of("300000"));
        byte[] event =
                ProxyEventCodec.json(
                        new ProxyEventCodec("local", Clock.systemUTC())
                                .request(
                                        "POST",
                                        URI.create("/tone?scale=gray"),
                                        headers,
                                        body,
                                        "0f0e0d0c-0b0a-0908-0706-050403020100",
                                        "127.0.0.1"));
        long envelope = event.length - Base64.getEncoder().encodeToString(body).length();
        assertTrue(
                envelope < LargestImage.EVENT_ENVELOPE_BYTES / 2,
                "the event's envelope is " + envelope + " bytes");
    }
}
