package dev.pixelforge.core.image;

/**
 * A decoded image: {@code width * height} pixels of {@code channels.count()} interleaved bytes,
 * rows top to bottom with no padding. The array is owned by this value: kernels write new arrays.
 */
public record Pixels(int width, int height, Channels channels, byte[] data) {

    public Pixels {
        long expected = (long) width * height * channels.count();
        if (width <= 0 || height <= 0 || data.length != expected) {
            throw new IllegalArgumentException(
                    width
                            + "x"
                            + height
                            + " "
                            + channels
                            + " needs "
                            + expected
                            + " bytes, got "
                            + data.length);
        }
    }

    public static Pixels blank(int width, int height, Channels channels) {
        return new Pixels(
                width,
                height,
                channels,
                new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels.count())]);
    }

    public int pixelCount() {
        return width * height;
    }

    /** The same pixels without alpha, for formats that cannot store it. */
    public Pixels withoutAlpha() {
        if (!channels.hasAlpha()) {
            return this;
        }
        Pixels out = blank(width, height, channels.opaque());
        byte[] src = data;
        byte[] dst = out.data;
        int n = pixelCount();
        if (channels == Channels.GRAY_ALPHA) {
            for (int i = 0; i < n; i++) {
                dst[i] = src[2 * i];
            }
        } else {
            for (int i = 0, s = 0, d = 0; i < n; i++, s += 4, d += 3) {
                dst[d] = src[s + 1];
                dst[d + 1] = src[s + 2];
                dst[d + 2] = src[s + 3];
            }
        }
        return out;
    }
}
