package dev.pixelforge.core.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The JSON forms of {@code POST /tone}, as the studies' JMeter plans sent it: the image in base64.
 */
final class ToneJson {

    private ToneJson() {}

    @Serdeable
    record Request(
            @Nullable String image,
            @Nullable String scale,
            @Nullable String format,
            @Nullable Integer quality,
            @Nullable String color,
            @Nullable Integer level) {}

    @Serdeable
    record Response(String image, String format, String scale, int width, int height) {}
}
