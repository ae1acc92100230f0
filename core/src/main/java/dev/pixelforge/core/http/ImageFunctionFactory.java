package dev.pixelforge.core.http;

import dev.pixelforge.core.image.ImageFunction;
import dev.pixelforge.core.image.ImageLimits;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;

import jakarta.inject.Singleton;

/**
 * Builds the kernel from {@code pixelforge.limits.*}; defaults are in code so no target must set
 * them.
 */
@Factory
final class ImageFunctionFactory {

    @Singleton
    ImageLimits limits(
            @Value("${pixelforge.limits.max-body-bytes:33554432}") long maxBodyBytes,
            @Value("${pixelforge.limits.max-pixels:40000000}") long maxPixels,
            @Value("${pixelforge.limits.max-generate-count:16}") int maxGenerateCount,
            @Value("${pixelforge.limits.max-generate-size:2048}") int maxGenerateSize,
            @Value("${pixelforge.limits.max-frames:500}") int maxFrames,
            @Value("${pixelforge.limits.max-generate-work:240000000}") long maxGenerateWork,
            @Value("${pixelforge.limits.max-answer-bytes:24000000}") long maxAnswerBytes,
            @Value("${pixelforge.limits.max-request-millis:60000}") long maxRequestMillis,
            @Value("${pixelforge.limits.max-queued-requests:64}") int maxQueuedRequests) {
        return new ImageLimits(
                maxBodyBytes,
                maxPixels,
                maxGenerateCount,
                maxGenerateSize,
                maxFrames,
                maxGenerateWork,
                maxAnswerBytes,
                maxRequestMillis,
                maxQueuedRequests);
    }

    @Singleton
    ImageFunction imageFunction(ImageLimits limits) {
        return new ImageFunction(limits);
    }
}
