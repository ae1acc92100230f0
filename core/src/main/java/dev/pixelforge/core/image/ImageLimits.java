package dev.pixelforge.core.image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every limit on what one request may ask of an instance, in one place: the configurable ones as
 * the record's components ({@code pixelforge.limits.*}), the fixed ones as constants. Each is
 * checked before the work it bounds starts: the body size on arrival, the pixels, frames, tiles,
 * palettes and sample widths from the image's headers before the decoder allocates anything, the
 * work of a generate request from its parameters, the answer's size before encoding when the format
 * bounds it and while encoding otherwise. {@link #describe()} lists them all for {@code /health}.
 *
 * @param maxBodyBytes largest request body (and encoded image) accepted
 * @param maxPixels largest width x height decoded (an animation's frames and its canvas each), and
 *     largest total of a generate request
 * @param maxGenerateCount most images one generate request may ask for
 * @param maxGenerateSize largest side of a generated image
 * @param maxFrames most frames an animated GIF may hold
 * @param maxGenerateWork largest price of a generate request: count x size x size x the generator's
 *     octaves (pixel-octaves)
 * @param maxAnswerBytes largest encoded answer (for {@code /generate}, all images together): a JSON
 *     answer carries it in base64, 4/3 of it; on Lambda every answer is base64
 */
public record ImageLimits(
        long maxBodyBytes,
        long maxPixels,
        int maxGenerateCount,
        int maxGenerateSize,
        int maxFrames,
        long maxGenerateWork,
        long maxAnswerBytes,
        long maxRequestMillis,
        int maxQueuedRequests) {

    /** Widest sample read (PNG's and TIFF's 16 bits): wider ones size lookup tables by 2^bits. */
    public static final int MAX_SAMPLE_BITS = 16;

    /** Most samples per pixel a TIFF may declare (CMYK with alpha and extra samples fit). */
    public static final int MAX_SAMPLES_PER_PIXEL = 8;

    /** Widest BMP bit-field mask read: 8 bits, as every layout Pillow accepts (5-6-5, 8-8-8-8). */
    public static final int MAX_BMP_MASK_BITS = 8;

    /**
     * Most scans a progressive JPEG may have: encoders write about ten (libjpeg's default
     * progression, mozjpeg's); each costs a pass over the coefficients it covers.
     */
    public static final int MAX_JPEG_SCANS = 256;

    /** Most palette entries a BMP, GIF or PNG may declare (TIFF's ColorMap: 2^bits, so 65536). */
    public static final int MAX_PALETTE_ENTRIES = 256;

    /**
     * Fewest pixels a TIFF tile or strip may always cover (1024x1024); beyond it, at most the image
     * itself, rounded up to TIFF's tile multiple of 16.
     */
    public static final long MIN_TILE_PIXELS_ALLOWED = 1L << 20;

    /**
     * Deflate's largest expansion (a 258-byte match in two bits): a PNG whose IDAT is smaller than
     * its raster over this cannot hold the raster it declares.
     */
    public static final int MAX_DEFLATE_RATIO = 1032;

    /**
     * GIF's largest expansion, pixels per byte of LZW data: a code of at least 3 bits stands for at
     * most 4096 pixels, so 8 / 3 x 4096.
     */
    public static final int MAX_LZW_PIXELS_PER_BYTE = 10923;

    /**
     * 32 MiB is the request limit of Cloud Run and Cloud Functions gen2; 40 Mpx admits 8K (33.2
     * Mpx); 500 frames is 20 s of a 25 fps animation; 240 M pixel-octaves is the 40 Mpx of noise at
     * the generator's 6 octaves; a 24,000,000-byte answer is 32,000,000 in base64, under Google's
     * 32 MiB (33,554,432) response limit with room for JSON and headers; 60 s is Cloud Functions'
     * default timeout (Lambda's configuration sets API Gateway's 29 s); 64 requests queued for a
     * pixel thread at most.
     */
    public static final ImageLimits DEFAULTS =
            new ImageLimits(
                    32L * 1024 * 1024,
                    40_000_000L,
                    16,
                    2048,
                    500,
                    240_000_000L,
                    24_000_000L,
                    60_000L,
                    64);

    public ImageLimits {
        if (maxBodyBytes <= 0
                || maxPixels <= 0
                || maxGenerateCount <= 0
                || maxGenerateSize <= 0
                || maxFrames <= 0
                || maxGenerateWork <= 0
                || maxAnswerBytes <= 0
                || maxRequestMillis <= 0
                || maxQueuedRequests <= 0) {
            throw new IllegalArgumentException("every limit must be positive");
        }
    }

    /** These limits, and the defaults for the others. */
    public ImageLimits(
            long maxBodyBytes, long maxPixels, int maxGenerateCount, int maxGenerateSize) {
        this(
                maxBodyBytes,
                maxPixels,
                maxGenerateCount,
                maxGenerateSize,
                DEFAULTS.maxFrames,
                DEFAULTS.maxGenerateWork,
                DEFAULTS.maxAnswerBytes,
                DEFAULTS.maxRequestMillis,
                DEFAULTS.maxQueuedRequests);
    }

    /** Every limit by name, configurable ones first: what {@code /health} lists. */
    public Map<String, Long> describe() {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put("maxBodyBytes", maxBodyBytes);
        all.put("maxPixels", maxPixels);
        all.put("maxGenerateCount", (long) maxGenerateCount);
        all.put("maxGenerateSize", (long) maxGenerateSize);
        all.put("maxFrames", (long) maxFrames);
        all.put("maxGenerateWork", maxGenerateWork);
        all.put("maxAnswerBytes", maxAnswerBytes);
        all.put("maxRequestMillis", maxRequestMillis);
        all.put("maxQueuedRequests", (long) maxQueuedRequests);
        all.put("maxSampleBits", (long) MAX_SAMPLE_BITS);
        all.put("maxSamplesPerPixel", (long) MAX_SAMPLES_PER_PIXEL);
        all.put("maxBmpMaskBits", (long) MAX_BMP_MASK_BITS);
        all.put("maxJpegScans", (long) MAX_JPEG_SCANS);
        all.put("maxPaletteEntries", (long) MAX_PALETTE_ENTRIES);
        all.put("minTilePixelsAllowed", MIN_TILE_PIXELS_ALLOWED);
        all.put("maxDeflateRatio", (long) MAX_DEFLATE_RATIO);
        all.put("maxLzwPixelsPerByte", (long) MAX_LZW_PIXELS_PER_BYTE);
        return all;
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
                            + " (limit maxPixels): scale it down first");
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
                            + " in all frames together (limit maxPixels): send fewer or smaller"
                            + " frames");
        }
    }

    /** Refuses the frame after the {@link #maxFrames}th, as soon as the header scan reaches it. */
    void checkFrames(int frames) {
        if (frames > maxFrames) {
            throw new ImageRejected(
                    ImageRejected.Reason.TOO_MANY_FRAMES,
                    "the GIF holds more than "
                            + maxFrames
                            + " frames; this instance reads at most "
                            + maxFrames
                            + " (limit maxFrames): send fewer frames, or its first frame alone");
        }
    }

    /** The refusal of an answer that would be larger than {@code maxAnswerBytes}. */
    static ImageRejected answerTooLarge(ImageFormat format, String size, long maxAnswerBytes) {
        String instead =
                switch (format) {
                    case JPEG -> "ask for a lower quality, or send a smaller image";
                    case PNG, GIF, TIFF, WEBP -> "ask for format=jpeg, or send a smaller image";
                    case BMP -> "ask for format=jpeg or format=png, which compress";
                };
        return new ImageRejected(
                ImageRejected.Reason.ANSWER_TOO_LARGE,
                "the "
                        + format
                        + " answer would be "
                        + size
                        + " bytes; this target returns at most "
                        + maxAnswerBytes
                        + " (limit maxAnswerBytes): "
                        + instead);
    }
}
