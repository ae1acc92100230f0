package dev.pixelforge.core.image;

/**
 * The classic sepia matrix (as in Microsoft's and most image editors' sepia filter); alpha kept.
 */
public record SepiaScale() implements ToneScale {

    static final SepiaScale INSTANCE = new SepiaScale();

    private static final ColorMatrix SEPIA =
            new ColorMatrix(
                    new double[][] {
                        {0.393, 0.769, 0.189},
                        {0.349, 0.686, 0.168},
                        {0.272, 0.534, 0.131},
                    });

    @Override
    public Pixels apply(Pixels in) {
        return SEPIA.apply(in);
    }

    @Override
    public String name() {
        return "sepia";
    }
}
