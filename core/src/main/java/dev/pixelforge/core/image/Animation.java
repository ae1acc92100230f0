package dev.pixelforge.core.image;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An animated GIF as it is stored: each frame's palette indices, place, timing and disposal, on a
 * canvas, looping {@code loops} times (0: for ever; -1: no loop extension, play once).
 *
 * <p>A tone scale maps each pixel on its own, so converting a frame's palette converts every pixel
 * that uses it: the indices, transparency, positions and timings pass through untouched, and the
 * answer is exact (no re-quantising).
 */
public record Animation(int canvasWidth, int canvasHeight, int loops, List<Frame> frames) {

    public Animation {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animation has at least one frame");
        }
    }

    /**
     * One frame: {@code width x height} palette indices at ({@code left}, {@code top}).
     *
     * @param palette the colour table as a {@code size x 1} image (with alpha when a colour is
     *     transparent)
     * @param delayCentis GIF's delay, hundredths of a second
     * @param disposal GIF's disposal method, as the JDK's GIF metadata names it
     * @param transparentIndex the transparent palette index, or -1
     */
    public record Frame(
            int width,
            int height,
            int left,
            int top,
            byte[] indices,
            Pixels palette,
            int delayCentis,
            String disposal,
            int transparentIndex) {

        public Frame {
            if (indices.length != (long) width * height) {
                throw new IllegalArgumentException(
                        width + "x" + height + " frame with " + indices.length + " indices");
            }
        }

        Frame withPalette(Pixels converted) {
            return new Frame(
                    width,
                    height,
                    left,
                    top,
                    indices,
                    converted,
                    delayCentis,
                    disposal,
                    transparentIndex);
        }

        /** The frame's own pixels, looked up through its palette. */
        Pixels pixels() {
            Channels channels = palette.channels();
            int n = channels.count();
            Pixels out = Pixels.blank(width, height, channels);
            byte[] dst = out.data();
            byte[] table = palette.data();
            int last = palette.width() - 1;
            for (int i = 0, d = 0; i < indices.length; i++, d += n) {
                System.arraycopy(table, Math.min(indices[i] & 0xFF, last) * n, dst, d, n);
            }
            return out;
        }
    }

    /** Every frame's palette through {@code scale}; everything else as it was. */
    Animation mapPalettes(UnaryOperator<Pixels> scale) {
        return new Animation(
                canvasWidth,
                canvasHeight,
                loops,
                frames.stream().map(f -> f.withPalette(scale.apply(f.palette()))).toList());
    }

    /** Pixels in all frames: what the budget and the pixel limit count. */
    public long pixelCount() {
        return frames.stream().mapToLong(f -> (long) f.width() * f.height()).sum();
    }
}
