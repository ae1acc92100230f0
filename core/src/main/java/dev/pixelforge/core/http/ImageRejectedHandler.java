package dev.pixelforge.core.http;

import dev.pixelforge.core.image.ImageRejected;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Maps the kernel's client faults to 400, 413 and 415 with a JSON body; never a stack trace. */
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public final class ImageRejectedHandler implements ExceptionHandler<ImageRejected, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ImageRejected e) {
        return HttpResponse.<ApiError>status(status(e.reason()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError(e.reason().code(), e.getMessage()));
    }

    static HttpStatus status(ImageRejected.Reason reason) {
        return switch (reason) {
            case BODY_TOO_LARGE, TOO_MANY_PIXELS -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case EMPTY_BODY, NOT_AN_IMAGE, TRUNCATED_IMAGE, BAD_BASE64, BAD_JSON, BAD_PARAMETER -> HttpStatus.BAD_REQUEST;
        };
    }
}
