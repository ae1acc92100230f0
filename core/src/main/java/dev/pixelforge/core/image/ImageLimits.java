package dev.pixelforge.core.image;

/**
 * What one request may ask of an instance. Checked before work starts: the body size on arrival,
 * the pixel count from the image header before any pixel is decoded.
 *
 * @param maxBodyBytes largest request body (and encoded image) accepted
 * @param maxPixels largest width x height decoded, and largest total of a generate request
 * @param maxGenerateCount most images one generate request may ask for
 * @param maxGenerateSize largest side of a generated image
 */
public record ImageLimits(
        long maxBodyBytes, long maxPixels, int maxGenerateCount, int maxGenerateSize) {

    /**
     * 32 MiB is the request limit of Cloud Run and Cloud Functions gen2; 40 Mpx admits 8K (33.2
     * Mpx).
     */
    public static final ImageLimits DEFAULTS =
            new ImageLimits(32L * 1024 * 1024, 40_000_000L, 16, 2048);

    public ImageLimits {
        if (maxBodyBytes <= 0 || maxPixels <= 0 || maxGenerateCount <= 0 || maxGenerateSize <= 0) {
            throw new IllegalArgumentException("every limit must be positive");
        }
    }

    /** Refuses a body (or an encoded image) over {@link #maxBodyBytes}. */
    public void checkBody(long bytes) {
        if (bytes > maxBodyBytes) {
            throw new ImageRejected(
                    ImageRejected.Reason.BODY_TOO_LARGE,
                    "the body has "
                            + bytes
                            + " bytes; this instance accepts at most "
                            + maxBodyBytes
                            + ": send a smaller or more compressed image");
        }
    }

    void checkPixels(long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new ImageRejected(
                    ImageRejected.Reason.NOT_AN_IMAGE,
                    "the image header declares " + width + "x" + height + " pixels");
        }
        if (width * height > maxPixels) {
            throw new ImageRejected(
                    ImageRejected.Reason.TOO_MANY_PIXELS,
                    "the image declares "
                            + width
                            + "x"
                            + height
                            + " = "
                            + (width * height)
                            + " pixels; this instance accepts at most "
                            + maxPixels
                            + ": scale it down first");
        }
    }

    /** Refuses an animation whose frames hold more pixels together than {@link #maxPixels}. */
    void checkAnimation(int frames, long totalPixels) {
        if (totalPixels > maxPixels) {
            throw new ImageRejected(
                    ImageRejected.Reason.TOO_MANY_PIXELS,
                    "the animation declares "
                            + frames
                            + " frames of "
                            + totalPixels
                            + " pixels in all; this instance"
                            + " accepts at most "
                            + maxPixels
                            + " in all frames together: send fewer or smaller frames");
        }
    }
}
