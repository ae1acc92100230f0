package dev.pixelforge.core.image;

import java.util.List;

/** Generated images, PNG-encoded, with the summed generate and encode time. */
public record GenerateResult(List<GeneratedImage> images, String generator, PhaseTimings timings) {

    /** One PNG and the seed that reproduces it. */
    public record GeneratedImage(byte[] png, int size, long seed) {}
}
