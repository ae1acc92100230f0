package dev.pixelforge.core.http;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * What {@code GET /health} says: who answers, since when, on which JVM, within which limits. The
 * JVM is part of every measurement (its JPEG codec and JIT differ by vendor), so it is named here.
 * {@code limits} is every limit, by name ({@link dev.pixelforge.core.image.ImageLimits#describe}).
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
        Map<String, Long> limits) {}
