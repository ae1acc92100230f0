package dev.pixelforge.core.image;

/**
 * EXIF orientation (tag 0x0112): how the stored pixels must be turned to display upright. The
 * decoder applies it to the pixels, so every output format shows what the browser showed for the
 * input, and no output carries the tag (see docs/ARCHITECTURE.md, "Files from the wild"). The eight
 * cases are those of Pillow's {@code ImageOps.exif_transpose}.
 */
public enum Orientation {
    /** 1: as stored. */
    NORMAL,
    /** 2: mirrored left to right. */
    MIRROR_HORIZONTAL,
    /** 3: turned 180 degrees. */
    ROTATE_180,
    /** 4: mirrored top to bottom. */
    MIRROR_VERTICAL,
    /** 5: mirrored along the top-left to bottom-right diagonal. */
    TRANSPOSE,
    /** 6: stored turned left: shown turned 90 degrees clockwise (a phone held upright). */
    ROTATE_90_CLOCKWISE,
    /** 7: mirrored along the other diagonal. */
    TRANSVERSE,
    /** 8: shown turned 90 degrees counter-clockwise. */
    ROTATE_90_COUNTERCLOCKWISE;

    private static final int TILE = 64;

    /**
     * The orientation an EXIF value names; values outside 1..8 (seen in the wild) mean as stored.
     */
    public static Orientation ofExif(int value) {
        return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
    }

    /** Whether width and height trade places. */
    public boolean swapsSides() {
        return this == TRANSPOSE
                || this == ROTATE_90_CLOCKWISE
                || this == TRANSVERSE
                || this == ROTATE_90_COUNTERCLOCKWISE;
    }

    /** The upright pixels: a new array, or {@code in} itself when nothing turns. */
    public Pixels apply(Pixels in) {
        if (this == NORMAL) {
            return in;
        }
        int w = in.width();
        int h = in.height();
        int n = in.channels().count();
        Pixels out =
                swapsSides()
                        ? Pixels.blank(h, w, in.channels())
                        : Pixels.blank(w, h, in.channels());
        byte[] src = in.data();
        byte[] dst = out.data();
        int ow = out.width();
        int oh = out.height();
        // For each output pixel (x, y), the source pixel is at start + x * dx + y * dy (in pixels).
        int start;
        int dx;
        int dy;
        switch (this) {
            case MIRROR_HORIZONTAL -> {
                start = w - 1;
                dx = -1;
                dy = w;
            }
            case ROTATE_180 -> {
                start = w * h - 1;
                dx = -1;
                dy = -w;
            }
            case MIRROR_VERTICAL -> {
                start = (h - 1) * w;
                dx = 1;
                dy = -w;
            }
            case TRANSPOSE -> {
                start = 0;
                dx = w;
                dy = 1;
            }
            case ROTATE_90_CLOCKWISE -> {
                start = (h - 1) * w;
                dx = -w;
                dy = 1;
            }
            case TRANSVERSE -> {
                start = w * h - 1;
                dx = -w;
                dy = -1;
            }
            case ROTATE_90_COUNTERCLOCKWISE -> {
                start = w - 1;
                dx = w;
                dy = -1;
            }
            default -> throw new IllegalStateException(name());
        }
        // Tile by tile: a quarter turn reads the source down its columns, and 12 Mpx read that way
        // miss
        // the cache on every pixel; within a 64x64 tile the rows it reads stay cached. One loop per
        // pixel size: a byte copy per channel, not a call per pixel.
        for (int ty = 0; ty < oh; ty += TILE) {
            for (int tx = 0; tx < ow; tx += TILE) {
                int yEnd = Math.min(oh, ty + TILE);
                int xEnd = Math.min(ow, tx + TILE);
                for (int y = ty; y < yEnd; y++) {
                    int s = start + y * dy + tx * dx;
                    int d = (y * ow + tx) * n;
                    switch (n) {
                        case 1 -> {
                            for (int x = tx; x < xEnd; x++, s += dx) {
                                dst[d++] = src[s];
                            }
                        }
                        case 3 -> {
                            for (int x = tx; x < xEnd; x++, s += dx) {
                                int o = s * 3;
                                dst[d++] = src[o];
                                dst[d++] = src[o + 1];
                                dst[d++] = src[o + 2];
                            }
                        }
                        default -> {
                            for (int x = tx; x < xEnd; x++, s += dx, d += n) {
                                System.arraycopy(src, s * n, dst, d, n);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
