package dev.pixelforge.core.image;

/**
 * A monochrome image in one hue: each pixel's luma scales the colour {@code 0xRRGGBB}, so black
 * stays black and white becomes the colour. Alpha kept.
 */
public record TintScale(int rgb) implements ToneScale {

    public TintScale {
        if ((rgb & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException(
                    "rgb must be 0xRRGGBB, was " + Integer.toHexString(rgb));
        }
    }

    @Override
    public Pixels apply(Pixels in) {
        return matrix().apply(in);
    }

    // Luma weights (Pillow's, in Luma) times the colour: one matrix, one pass, no intermediate gray
    // image.
    private ColorMatrix matrix() {
        double[] luma = {19595 / 65536.0, 38470 / 65536.0, 7471 / 65536.0};
        double[][] rows = new double[3][];
        int[] colour = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
        for (int o = 0; o < 3; o++) {
            double k = colour[o] / 255.0;
            rows[o] = new double[] {luma[0] * k, luma[1] * k, luma[2] * k};
        }
        return new ColorMatrix(rows);
    }

    @Override
    public String name() {
        return "tint";
    }
}
