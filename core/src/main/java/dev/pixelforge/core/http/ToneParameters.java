package dev.pixelforge.core.http;

import dev.pixelforge.core.image.ImageEncoder;
import dev.pixelforge.core.image.ImageFormat;
import dev.pixelforge.core.image.ImageRejected;
import dev.pixelforge.core.image.ToneRequest;
import dev.pixelforge.core.image.ToneScale;

import io.micronaut.http.HttpParameters;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code scale}, {@code format}, {@code quality}, {@code color}, {@code level} from a query
 * or a JSON body.
 */
final class ToneParameters {

    private ToneParameters() {}

    static ToneRequest fromQuery(HttpParameters query) {
        return from(asMap(query));
    }

    /** JSON fields win over query parameters of the same name. */
    static ToneRequest fromJson(ToneJson.Request json, HttpParameters query) {
        Map<String, String> params = asMap(query);
        putIfPresent(params, "scale", json.scale());
        putIfPresent(params, "format", json.format());
        putIfPresent(params, "quality", json.quality());
        putIfPresent(params, "color", json.color());
        putIfPresent(params, "level", json.level());
        return from(params);
    }

    private static ToneRequest from(Map<String, String> params) {
        ToneScale scale = ToneScale.parse(params.get("scale"), params);
        String format = params.get("format");
        Optional<ImageFormat> out =
                format == null || format.isBlank()
                        ? Optional.empty()
                        : Optional.of(ImageFormat.parse(format));
        return new ToneRequest(scale, out, quality(params.get("quality")));
    }

    private static int quality(String value) {
        if (value == null || value.isBlank()) {
            return ImageEncoder.DEFAULT_JPEG_QUALITY;
        }
        try {
            int q = Integer.parseInt(value.trim());
            if (q >= 1 && q <= 100) {
                return q;
            }
        } catch (NumberFormatException notANumber) {
            // one message below covers both cases
        }
        throw new ImageRejected(
                ImageRejected.Reason.BAD_PARAMETER,
                "quality '"
                        + value
                        + "' is not a whole number from 1 to 100 (JPEG quality, 75 by default)");
    }

    private static Map<String, String> asMap(HttpParameters query) {
        Map<String, String> params = new HashMap<>();
        for (String name : query.names()) {
            query.getFirst(name).ifPresent(v -> params.put(name, v));
        }
        return params;
    }

    private static void putIfPresent(Map<String, String> params, String name, Object value) {
        if (value != null) {
            params.put(name, value.toString());
        }
    }
}
