package dev.pixelforge.core.image;

import java.util.SplittableRandom;

/**
 * Fractal Brownian motion over 2D gradient noise (Perlin's improved noise), coloured through a
 * three-stop palette drawn from the seed. Only +, *, floor and table lookups: Java's strict IEEE
 * arithmetic makes the output identical on every JVM, so "same seed, same bytes" holds everywhere.
 */
public final class FractalNoiseGenerator implements ImageGenerator {

    private static final int OCTAVES = 6;
    private static final double[] GRADIENT_X = {1, -1, 1, -1, 1, -1, 0, 0};
    private static final double[] GRADIENT_Y = {1, 1, -1, -1, 0, 0, 1, -1};

    @Override
    public Pixels generate(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] perm = permutation(random);
        int[][] palette = {randomColour(random), randomColour(random), randomColour(random)};
        double baseFrequency = (2 + random.nextInt(4)) / (double) size;
        double offsetX = random.nextInt(1 << 16);
        double offsetY = random.nextInt(1 << 16);

        Pixels out = Pixels.blank(size, size, Channels.BGR);
        byte[] d = out.data();
        for (int y = 0, p = 0; y < size; y++) {
            for (int x = 0; x < size; x++, p += 3) {
                double v = fbm(perm, x * baseFrequency + offsetX, y * baseFrequency + offsetY);
                double t = clamp01(v * 0.5 + 0.5); // fbm lies in about [-1, 1]
                int[] from = t < 0.5 ? palette[0] : palette[1];
                int[] to = t < 0.5 ? palette[1] : palette[2];
                double u = t < 0.5 ? t * 2 : t * 2 - 1;
                d[p] = (byte) (from[2] + (to[2] - from[2]) * u);
                d[p + 1] = (byte) (from[1] + (to[1] - from[1]) * u);
                d[p + 2] = (byte) (from[0] + (to[0] - from[0]) * u);
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "fractal-noise";
    }

    @Override
    public int octaves() {
        return OCTAVES;
    }

    private static double fbm(int[] perm, double x, double y) {
        double sum = 0;
        double amplitude = 0.5;
        for (int o = 0; o < OCTAVES; o++) {
            sum += amplitude * noise(perm, x, y);
            x *= 2;
            y *= 2;
            amplitude *= 0.5;
        }
        return sum * 1.6;
    }

    private static double noise(int[] perm, double x, double y) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        int xi = (int) fx & 255;
        int yi = (int) fy & 255;
        double dx = x - fx;
        double dy = y - fy;
        double u = fade(dx);
        double v = fade(dy);
        int aa = perm[perm[xi] + yi], ab = perm[perm[xi] + yi + 1];
        int ba = perm[perm[xi + 1] + yi], bb = perm[perm[xi + 1] + yi + 1];
        double x1 = lerp(u, grad(aa, dx, dy), grad(ba, dx - 1, dy));
        double x2 = lerp(u, grad(ab, dx, dy - 1), grad(bb, dx - 1, dy - 1));
        return lerp(v, x1, x2);
    }

    private static double grad(int hash, double x, double y) {
        int h = hash & 7;
        return GRADIENT_X[h] * x + GRADIENT_Y[h] * y;
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    private static double lerp(double t, double a, double b) {
        return a + t * (b - a);
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : Math.min(v, 1);
    }

    private static int[] permutation(SplittableRandom random) {
        int[] p = new int[512];
        for (int i = 0; i < 256; i++) {
            p[i] = i;
        }
        for (int i = 255; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        System.arraycopy(p, 0, p, 256, 256);
        return p;
    }

    private static int[] randomColour(SplittableRandom random) {
        return new int[] {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
    }
}
