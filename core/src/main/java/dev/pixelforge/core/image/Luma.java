package dev.pixelforge.core.image;

/**
 * ITU-R 601-2 luma in 16-bit fixed point, exactly as Pillow's {@code convert('L')} computes it
 * ({@code L24} in libImaging/Convert.c), so PixelForge's gray is bit-exact with the study's.
 */
final class Luma {

    private Luma() {
    }

    static int of(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16;
    }

    /** Luma of every pixel; alpha, if any, is copied to the GRAY_ALPHA output. */
    static Pixels gray(Pixels in) {
        Channels c = in.channels();
        if (c.isGray()) {
            return new Pixels(in.width(), in.height(), c, in.data().clone());
        }
        Pixels out = Pixels.blank(in.width(), in.height(), c.asGray());
        byte[] s = in.data();
        byte[] d = out.data();
        int n = in.pixelCount();
        if (c == Channels.BGR) {
            for (int i = 0, p = 0; i < n; i++, p += 3) {
                d[i] = (byte) of(s[p + 2] & 0xFF, s[p + 1] & 0xFF, s[p] & 0xFF);
            }
        } else {
            for (int i = 0, p = 0, q = 0; i < n; i++, p += 4, q += 2) {
                d[q] = (byte) of(s[p + 3] & 0xFF, s[p + 2] & 0xFF, s[p + 1] & 0xFF);
                d[q + 1] = s[p];
            }
        }
        return out;
    }
}
