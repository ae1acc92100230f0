package dev.pixelforge.core.image;

/** Grayscale, bit-exact with Pillow's {@code convert('L')}; alpha kept. */
public record GrayScale() implements ToneScale {

    static final GrayScale INSTANCE = new GrayScale();

    @Override
    public Pixels apply(Pixels in) {
        return Luma.gray(in);
    }

    @Override
    public boolean readsOnlyLuma() {
        return true;
    }

    @Override
    public String name() {
        return "gray";
    }
}
