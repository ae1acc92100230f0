package dev.pixelforge.core.http;

import dev.pixelforge.core.image.ImageRejected;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;

import jakarta.inject.Singleton;

/**
 * Maps the kernel's refusals to 400, 413, 415 (client faults) and 503 (busy) with a JSON body;
 * never a stack trace.
 */
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public final class ImageRejectedHandler
        implements ExceptionHandler<ImageRejected, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ImageRejected e) {
        MutableHttpResponse<ApiError> response =
                HttpResponse.<ApiError>status(status(e.reason()))
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .body(new ApiError(e.reason().code(), e.getMessage()));
        if (status(e.reason()) == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(
                    HttpHeaders.RETRY_AFTER, "1"); // the budget frees as soon as one image is done
        }
        return response;
    }

    static HttpStatus status(ImageRejected.Reason reason) {
        return switch (reason) {
            case BODY_TOO_LARGE,
                    TOO_MANY_PIXELS,
                    TOO_MANY_FRAMES,
                    TOO_MANY_SCANS,
                    TILE_TOO_LARGE,
                    TOO_MUCH_WORK,
                    ANSWER_TOO_LARGE ->
                    HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case BUSY, DEADLINE_EXCEEDED -> HttpStatus.SERVICE_UNAVAILABLE;
            case EMPTY_BODY,
                    NOT_AN_IMAGE,
                    TRUNCATED_IMAGE,
                    INCONSISTENT_IMAGE,
                    BAD_BASE64,
                    BAD_JSON,
                    BAD_PARAMETER ->
                    HttpStatus.BAD_REQUEST;
        };
    }
}
