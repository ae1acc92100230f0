package dev.pixelforge.core.image;

/** Black and white: luma at or above {@code level} becomes 255, below it 0. Alpha kept. */
public record ThresholdScale(int level) implements ToneScale {

    public ThresholdScale {
        if (level < 0 || level > 255) {
            throw new IllegalArgumentException("level must be 0..255, was " + level);
        }
    }

    @Override
    public Pixels apply(Pixels in) {
        Pixels luma = Luma.gray(in);
        // Luma.gray hands gray input back as it is: write into a copy, never into the input.
        Pixels gray =
                luma == in
                        ? new Pixels(in.width(), in.height(), in.channels(), in.data().clone())
                        : luma;
        byte[] d = gray.data();
        int step = gray.channels().count(); // alpha, if present, sits after each gray byte
        for (int i = 0; i < d.length; i += step) {
            d[i] = (d[i] & 0xFF) >= level ? (byte) 0xFF : 0;
        }
        return gray;
    }

    @Override
    public boolean readsOnlyLuma() {
        return true;
    }

    @Override
    public String name() {
        return "threshold";
    }
}
