package dev.pixelforge.platform.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.Target;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

class LargestImageTest {

    @Test
    void lambda_toneJson_isBase64Twice_about9of16OfTheEvent() {
        // (6,291,456 - 4,096) / 4 x 3 = 4,715,520 bytes of JSON body; (4,715,520 - 64) / 4 x 3 =
        // 3,536,592 bytes of image.
        assertEquals(3_536_592, LargestImage.bytes(Target.AWS_LAMBDA, true));
        assertEquals(4_715_520, LargestImage.bytes(Target.AWS_LAMBDA, false));
    }

    @Test
    void google_isTheRequestLimit_lessBase64ForJson() {
        assertEquals(33_554_432, LargestImage.bytes(Target.CONTAINER, false));
        assertEquals(25_165_776, LargestImage.bytes(Target.GCP_FUNCTION, true));
    }

    @Test
    void theLargestLambdaImage_encodedAsTheClientAndApiGatewayDo_fitsTheEvent_threeMoreDoNot() {
        long room = LargestImage.LAMBDA_EVENT_BYTES - LargestImage.EVENT_ENVELOPE_BYTES;
        long largest = LargestImage.bytes(Target.AWS_LAMBDA, true);
        assertTrue(eventBody(largest) <= room, Long.toString(eventBody(largest)));
        // Three bytes more: four base64 characters more in the JSON, and more again in the event.
        assertTrue(eventBody(largest + 3) > room, Long.toString(eventBody(largest + 3)));
    }

    /**
     * The event body's length for an image of {@code n} bytes in a JSON body whose other fields
     * take all of the allowance (64 bytes: 27 for the study's, 37 of padding).
     */
    private static long eventBody(long n) {
        String json =
                "{\"image\":\""
                        + Base64.getEncoder().encodeToString(new byte[(int) n])
                        + "\",\"scale\":\"gray\",\"pad\":\""
                        + "x".repeat(28)
                        + "\"}";
        return Base64.getEncoder()
                .encodeToString(json.getBytes(StandardCharsets.US_ASCII))
                .length();
    }
}
