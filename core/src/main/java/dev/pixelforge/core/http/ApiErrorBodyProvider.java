package dev.pixelforge.core.http;

import dev.pixelforge.core.image.ImageRejected;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;

import jakarta.inject.Singleton;

/**
 * Gives the errors Micronaut raises itself (unknown route, wrong method, a body it could not bind,
 * an unexpected failure) the same {@code {"error","message"}} shape as PixelForge's own, on every
 * runtime, so a client parses one error format whatever answered.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class ApiErrorBodyProvider implements JsonErrorResponseBodyProvider<ApiError> {

    @Override
    public ApiError body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String detail =
                context.getErrors().stream()
                        .map(Error::getMessage)
                        .findFirst()
                        .orElse(response.reason());
        // micronaut-servlet (Lambda and Cloud Functions adapters) refuses an empty body before the
        // controller runs (micronaut-servlet#1097); answer it as the kernel answers an empty body.
        if (status == 400 && detail != null && detail.contains("Empty body")) {
            return new ApiError(
                    ImageRejected.Reason.EMPTY_BODY.code(), ImageRejected.EMPTY_BODY_MESSAGE);
        }
        return switch (status) {
            case 404 ->
                    new ApiError(
                            "not_found",
                            "no such route "
                                    + context.getRequest().getPath()
                                    + ": PixelForge serves POST /tone, POST /generate and GET"
                                    + " /health");
            case 405 ->
                    new ApiError(
                            "method_not_allowed",
                            context.getRequest().getMethod()
                                    + " is not allowed on "
                                    + context.getRequest().getPath()
                                    + ": use POST for /tone and /generate, GET for /health");
            case 413 ->
                    new ApiError(
                            ImageRejected.Reason.BODY_TOO_LARGE.code(),
                            "the body is larger than this server accepts: " + detail);
            case 415 -> new ApiError(ImageRejected.Reason.UNSUPPORTED_FORMAT.code(), detail);
            default ->
                    status >= 500
                            ? new ApiError(
                                    "internal_error",
                                    "the server failed on this request; it keeps serving ("
                                            + response.reason()
                                            + ")")
                            : new ApiError("bad_request", detail);
        };
    }
}
