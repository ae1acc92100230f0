package dev.pixelforge.core.http;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What {@code GET /health} says: who answers, since when, on which JVM, within which limits. The
 * JVM is part of every measurement (its JPEG codec and JIT differ by vendor), so it is named here.
 */
@Serdeable
record Health(
        String status,
        String target,
        String instance,
        boolean cold,
        long uptimeMs,
        String version,
        String jvm,
        int processors,
        long maxHeapBytes,
        Limits limits) {

    @Serdeable
    record Limits(long maxBodyBytes, long maxPixels, int maxGenerateCount, int maxGenerateSize) {}
}
