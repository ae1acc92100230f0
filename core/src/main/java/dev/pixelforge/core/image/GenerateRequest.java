package dev.pixelforge.core.image;

/**
 * {@code count} images of {@code size} x {@code size} pixels; image {@code i} is seeded with {@code
 * seed + i}.
 */
public record GenerateRequest(int count, int size, long seed) {

    public static final int DEFAULT_COUNT = 1;
    public static final int DEFAULT_SIZE = 256;

    /** Refuses a request outside the limits; its work is priced at {@code octaves} per pixel. */
    void check(ImageLimits limits, int octaves) {
        if (count < 1 || count > limits.maxGenerateCount()) {
            throw new ImageRejected(
                    ImageRejected.Reason.BAD_PARAMETER,
                    "count " + count + " is outside 1.." + limits.maxGenerateCount());
        }
        if (size < 8 || size > limits.maxGenerateSize()) {
            throw new ImageRejected(
                    ImageRejected.Reason.BAD_PARAMETER,
                    "size " + size + " is outside 8.." + limits.maxGenerateSize());
        }
        long pixels = (long) count * size * size;
        if (pixels > limits.maxPixels()) {
            throw new ImageRejected(
                    ImageRejected.Reason.TOO_MANY_PIXELS,
                    count
                            + " images of "
                            + size
                            + "x"
                            + size
                            + " are "
                            + pixels
                            + " pixels; this instance makes at most "
                            + limits.maxPixels()
                            + " per request (limit maxPixels): ask for fewer or smaller images");
        }
        long work = pixels * octaves;
        if (work > limits.maxGenerateWork()) {
            throw new ImageRejected(
                    ImageRejected.Reason.TOO_MUCH_WORK,
                    count
                            + " images of "
                            + size
                            + "x"
                            + size
                            + " at "
                            + octaves
                            + " octaves are "
                            + work
                            + " pixel-octaves of work; this instance does at most "
                            + limits.maxGenerateWork()
                            + " per request (limit maxGenerateWork): ask for fewer or smaller"
                            + " images");
        }
    }
}
