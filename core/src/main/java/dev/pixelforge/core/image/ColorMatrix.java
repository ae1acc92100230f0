package dev.pixelforge.core.image;

/**
 * A 3x3 colour matrix applied in 16-bit fixed point through per-channel lookup tables: nine table
 * reads and three clamps per pixel, no floating point in the loop.
 */
final class ColorMatrix {

    // tables[out][in][value]: contribution of input channel `in` at `value` to output channel `out`
    private final int[][][] tables = new int[3][3][256];

    /** Rows are output R, G, B; columns are the weights of input R, G, B. */
    ColorMatrix(double[][] rows) {
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 3; i++) {
                long weight = Math.round(rows[o][i] * 65536);
                for (int v = 0; v < 256; v++) {
                    tables[o][i][v] = (int) (weight * v);
                }
            }
        }
    }

    /**
     * Applies the matrix to every pixel; gray input is read as R = G = B. Output is BGR or ABGR.
     */
    Pixels apply(Pixels in) {
        Channels c = in.channels();
        Pixels out = Pixels.blank(in.width(), in.height(), c.asColor());
        byte[] s = in.data();
        byte[] d = out.data();
        int n = in.pixelCount();
        int sStep = c.count();
        int dStep = out.channels().count();
        // Offsets of B, G, R (and A) within one input pixel, per layout.
        int sb, sg, sr, sa;
        switch (c) {
            case GRAY -> {
                sb = 0;
                sg = 0;
                sr = 0;
                sa = -1;
            }
            case GRAY_ALPHA -> {
                sb = 0;
                sg = 0;
                sr = 0;
                sa = 1;
            }
            case BGR -> {
                sb = 0;
                sg = 1;
                sr = 2;
                sa = -1;
            }
            default -> {
                sb = 1;
                sg = 2;
                sr = 3;
                sa = 0;
            }
        }
        int db = c.hasAlpha() ? 1 : 0;
        int[][] tr = tables[0], tg = tables[1], tb = tables[2];
        for (int i = 0, p = 0, q = 0; i < n; i++, p += sStep, q += dStep) {
            int r = s[p + sr] & 0xFF, g = s[p + sg] & 0xFF, b = s[p + sb] & 0xFF;
            d[q + db] = clamp(tb[0][r] + tb[1][g] + tb[2][b]);
            d[q + db + 1] = clamp(tg[0][r] + tg[1][g] + tg[2][b]);
            d[q + db + 2] = clamp(tr[0][r] + tr[1][g] + tr[2][b]);
            if (sa >= 0) {
                d[q] = s[p + sa];
            }
        }
        return out;
    }

    private static byte clamp(int fixed) {
        int v = (fixed + 0x8000) >> 16;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
