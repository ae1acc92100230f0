package dev.pixelforge.core.image;

/**
 * Interleaved 8-bit pixel layouts. The byte orders are those of the JDK's TYPE_BYTE_GRAY,
 * TYPE_3BYTE_BGR and TYPE_4BYTE_ABGR, which ImageIO decodes PNG, JPEG and BMP into: wrapping its
 * arrays costs no copy.
 */
public enum Channels {
    GRAY(1, false),
    GRAY_ALPHA(2, true),
    BGR(3, false),
    ABGR(4, true);

    private final int count;
    private final boolean alpha;

    Channels(int count, boolean alpha) {
        this.count = count;
        this.alpha = alpha;
    }

    /** Bytes per pixel. */
    public int count() {
        return count;
    }

    public boolean hasAlpha() {
        return alpha;
    }

    public boolean isGray() {
        return this == GRAY || this == GRAY_ALPHA;
    }

    /** The gray layout with the same alpha. */
    public Channels asGray() {
        return alpha ? GRAY_ALPHA : GRAY;
    }

    /** The colour layout with the same alpha. */
    public Channels asColor() {
        return alpha ? ABGR : BGR;
    }

    /** This layout without its alpha channel. */
    public Channels opaque() {
        return switch (this) {
            case GRAY, GRAY_ALPHA -> GRAY;
            case BGR, ABGR -> BGR;
        };
    }

    static Channels of(boolean gray, boolean alpha) {
        if (gray) {
            return alpha ? GRAY_ALPHA : GRAY;
        }
        return alpha ? ABGR : BGR;
    }
}
