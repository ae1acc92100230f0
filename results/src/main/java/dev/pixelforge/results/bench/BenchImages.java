package dev.pixelforge.results.bench;

import dev.pixelforge.core.image.Channels;
import dev.pixelforge.core.image.FractalNoiseGenerator;
import dev.pixelforge.core.image.Pixels;

/** Deterministic benchmark inputs of any width and height, made from the project's own generator. */
final class BenchImages {

    private BenchImages() {
    }

    /**
     * A {@code width} x {@code height} BGR image cut from a square of fractal noise: smooth regions
     * and fine detail, as in photographs, so codec timings are not flattered by flat colour.
     */
    static Pixels photoLike(int width, int height, long seed) {
        int side = Math.max(width, height);
        Pixels square = new FractalNoiseGenerator().generate(side, seed);
        Pixels out = Pixels.blank(width, height, Channels.BGR);
        for (int y = 0; y < height; y++) {
            System.arraycopy(square.data(), y * side * 3, out.data(), y * width * 3, width * 3);
        }
        return out;
    }
}
