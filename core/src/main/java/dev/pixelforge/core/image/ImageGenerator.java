package dev.pixelforge.core.image;

/**
 * Makes an image from a seed. Stands in for the CMPT 756 study's GAN: same seed, same pixels, with
 * real per-pixel work so that generation time grows with size the way inference does.
 */
public interface ImageGenerator {

    /** A {@code size} x {@code size} image; equal arguments give equal pixels on every JVM. */
    Pixels generate(int size, long seed);

    /** The name reported in responses. */
    String name();

    /**
     * Passes over each pixel: a request's price is count x size x size x octaves, held to {@link
     * ImageLimits#maxGenerateWork}.
     */
    default int octaves() {
        return 1;
    }
}
