package dev.pixelforge.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.image.ImageRejected;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;

import org.junit.jupiter.api.Test;

/** Every refusal's status; the busy one also says when to come back. */
class ImageRejectedHandlerTest {

    private final ImageRejectedHandler handler = new ImageRejectedHandler();

    @Test
    void busy_is503WithRetryAfter_andClientFaultsAreNot() {
        HttpResponse<ApiError> busy =
                handler.handle(
                        null,
                        new ImageRejected(ImageRejected.Reason.BUSY, "busy with other images"));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, busy.getStatus());
        assertEquals("1", busy.getHeaders().get("Retry-After"));
        assertEquals("busy", busy.getBody().orElseThrow().error());

        HttpResponse<ApiError> tooBig =
                handler.handle(
                        null, new ImageRejected(ImageRejected.Reason.TOO_MANY_PIXELS, "too many"));
        assertEquals(HttpStatus.REQUEST_ENTITY_TOO_LARGE, tooBig.getStatus());
        assertTrue(tooBig.getHeaders().get("Retry-After") == null);
    }

    @Test
    void everyReason_hasAStatusBelow500_exceptBusy() {
        for (ImageRejected.Reason reason : ImageRejected.Reason.values()) {
            int code = ImageRejectedHandler.status(reason).getCode();
            assertTrue(
                    reason == ImageRejected.Reason.BUSY
                                    || reason == ImageRejected.Reason.DEADLINE_EXCEEDED
                            ? code == 503
                            : code >= 400 && code < 500,
                    reason + " -> " + code);
        }
    }
}
