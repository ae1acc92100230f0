package dev.pixelforge.core.image;

import java.awt.image.BufferedImage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one pixel thread reuses from request to request (issue 16): decoded-image arrays, by size,
 * and the encoder's output array. Under load the decoded 640x480 JPEG's fresh array was a quarter
 * of all allocation and the place pixel threads stalled for the GC (allocating while the other
 * thread held libjpeg's arrays pinned); the encoder's buffers were another quarter. At most {@link
 * #MAX_BYTES} of images and as much of output are kept per thread, so the pixel budget's other half
 * of the heap keeps its room; larger images are allocated fresh as before.
 *
 * <p>Not thread-safe: one per thread ({@link ImageFunction} keeps them in a ThreadLocal; its pool
 * has one thread per CPU). Pixels decoded into a reused array are valid until the thread's next
 * request, so only the tone path, which encodes them before it returns, uses one.
 */
final class CodecScratch {

    /**
     * Per thread, for images and for output each: a 1920x1080 colour image is 6.2 MB. Never more
     * than 1/64 of the heap: the scratch is kept outside the pixel budget, so with a thread per CPU
     * it may hold 1/16 of a 2-CPU instance's heap at most (a 128 MB Lambda's heap is about 108 MB).
     */
    static final long MAX_BYTES = Math.min(8L << 20, Runtime.getRuntime().maxMemory() / 64);

    private final Map<Long, BufferedImage> images = new LinkedHashMap<>(8, 0.75f, true);
    private long imageBytes;
    private byte[] output = new byte[64 << 10];

    /**
     * An image of this size and type ({@code TYPE_BYTE_GRAY} or {@code TYPE_3BYTE_BGR}) to decode
     * into, the same one each time this size comes back; null when it would not fit the scratch.
     */
    BufferedImage image(int width, int height, int type) {
        int bands = type == BufferedImage.TYPE_BYTE_GRAY ? 1 : 3;
        long bytes = (long) width * height * bands;
        if (bytes > MAX_BYTES || width <= 0 || height <= 0) {
            return null;
        }
        long key = ((long) width << 32) | ((long) height << 8) | type;
        BufferedImage image = images.get(key);
        if (image == null) {
            image = new BufferedImage(width, height, type);
            images.put(key, image);
            imageBytes += bytes;
            // Least recently used first; the one just made is last and stays.
            for (Iterator<BufferedImage> it = images.values().iterator();
                    imageBytes > MAX_BYTES && it.hasNext(); ) {
                BufferedImage old = it.next();
                if (old != image) {
                    imageBytes -=
                            (long) old.getWidth() * old.getHeight() * old.getRaster().getNumBands();
                    it.remove();
                }
            }
        }
        return image;
    }

    /** A stream writing into this thread's output array. */
    ByteArrayImageOutputStream output() {
        return new ByteArrayImageOutputStream(output);
    }

    /**
     * Takes back the stream's array (grown, perhaps) for the next answer, unless it grew past the
     * scratch.
     */
    void keep(ByteArrayImageOutputStream out) {
        byte[] grown = out.buffer();
        if (grown.length <= MAX_BYTES) {
            output = grown;
        }
    }

    long imageBytes() {
        return imageBytes;
    }
}
