package dev.pixelforge.core.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The JSON forms of {@code POST /generate}. */
final class GenerateJson {

    private GenerateJson() {}

    @Serdeable
    record Request(@Nullable Integer count, @Nullable Integer size, @Nullable Long seed) {}

    @Serdeable
    record Image(String image, String format, int width, int height, long seed) {}

    @Serdeable
    record Response(String generator, int count, List<Image> images) {}
}
