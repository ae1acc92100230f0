package dev.pixelforge.core.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Luma of every pixel; alpha, if any, is copied to the GRAY_ALPHA output. Gray input is already
     * its own luma and comes back as it is (kernels never write into their input).
     */
    static Pixels gray(Pixels in) {
        Channels c = in.channels();
        if (c.isGray()) {
            return in;
        }
        Pixels out = Pixels.blank(in.width(), in.height(), c.asGray());
        byte[] s = in.data();
        byte[] d = out.data();
        int n = in.pixelCount();
        if (c == Channels.BGR) {
            grayFromBgr(s, d, n);
        } else {
            for (int i = 0, p = 0, q = 0; i < n; i++, p += 4, q += 2) {
                d[q] = (byte) of(s[p + 3] & 0xFF, s[p + 2] & 0xFF, s[p + 1] & 0xFF);
                d[q + 1] = s[p];
            }
        }
        return out;
    }

    /**
     * Four pixels at a time: three little-endian int loads (12 bytes, B G R B | G R B G | R B G R)
     * and one int store of four gray bytes, instead of three byte loads and a store per pixel.
     */
    private static void grayFromBgr(byte[] s, byte[] d, int n) {
        int i = 0;
        int p = 0;
        for (; i + 4 <= n; i += 4, p += 12) {
            int w0 = (int) INTS.get(s, p);
            int w1 = (int) INTS.get(s, p + 4);
            int w2 = (int) INTS.get(s, p + 8);
            int g0 = of(w0 >>> 16 & 0xFF, w0 >>> 8 & 0xFF, w0 & 0xFF);
            int g1 = of(w1 >>> 8 & 0xFF, w1 & 0xFF, w0 >>> 24);
            int g2 = of(w2 & 0xFF, w1 >>> 24, w1 >>> 16 & 0xFF);
            int g3 = of(w2 >>> 24, w2 >>> 16 & 0xFF, w2 >>> 8 & 0xFF);
            INTS.set(d, i, g0 | g1 << 8 | g2 << 16 | g3 << 24);
        }
        for (; i < n; i++, p += 3) {
            d[i] = (byte) of(s[p + 2] & 0xFF, s[p + 1] & 0xFF, s[p] & 0xFF);
        }
    }
}
