package dev.pixelforge.core.http;

import dev.pixelforge.core.image.ImageLimits;
import dev.pixelforge.core.image.ImageRejected;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Base64;
import java.util.Locale;

/**
 * Turns request bytes into JSON values and images, with PixelForge's errors for every malformed
 * input.
 */
@Singleton
final class RequestReader {

    private final JsonMapper json;
    private final ImageLimits limits;

    RequestReader(JsonMapper json, ImageLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    void checkBody(long bytes) {
        limits.checkBody(bytes);
    }

    /**
     * JSON if declared so, or if the body opens with '{' whatever it was declared as (JMeter plans
     * often omit it).
     */
    static boolean isJson(String contentType, byte[] body) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return true;
        }
        for (byte b : body) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return false;
    }

    <T> T json(byte[] body, Class<T> type) {
        try {
            T value = json.readValue(body, Argument.of(type));
            if (value == null) {
                throw new ImageRejected(
                        ImageRejected.Reason.BAD_JSON, "the body is empty: send a JSON object");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejected rejected) {
                throw rejected;
            }
            throw new ImageRejected(
                    ImageRejected.Reason.BAD_JSON,
                    "the body is not the JSON object expected (" + firstLine(e.getMessage()) + ")",
                    e);
        }
    }

    /**
     * Standard or URL-safe base64, line breaks allowed, with or without a {@code
     * data:image/...;base64,} prefix.
     */
    byte[] base64(String text) {
        if (text == null || text.isBlank()) {
            throw new ImageRejected(
                    ImageRejected.Reason.BAD_PARAMETER,
                    "the JSON has no \"image\": send {\"image\":\"<base64 of a PNG, JPEG, GIF, BMP,"
                            + " TIFF or WebP>\"}");
        }
        String b64 = text;
        int comma = b64.indexOf(',');
        if (b64.startsWith("data:") && comma > 0) {
            b64 = b64.substring(comma + 1);
        }
        b64 = b64.replaceAll("\\s+", "");
        try {
            boolean urlSafe = b64.indexOf('-') >= 0 || b64.indexOf('_') >= 0;
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(b64);
        } catch (IllegalArgumentException e) {
            throw new ImageRejected(
                    ImageRejected.Reason.BAD_BASE64,
                    "\"image\" is not valid base64 ("
                            + e.getMessage()
                            + "): encode the file's bytes with standard base64",
                    e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
