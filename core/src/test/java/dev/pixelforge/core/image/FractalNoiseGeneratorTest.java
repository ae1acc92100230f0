package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

class FractalNoiseGeneratorTest {

    private final ImageGenerator generator = new FractalNoiseGenerator();

    @Test
    void sameSeed_samePixels_differentSeed_differentPixels() {
        Pixels a = generator.generate(64, 42);
        assertArrayEquals(a.data(), generator.generate(64, 42).data());
        assertFalse(Arrays.equals(a.data(), generator.generate(64, 43).data()));
    }

    @Test
    void output_isASmoothFieldOfManyColours_notNoiseOrAFlatFill() {
        Pixels p = generator.generate(128, 7);
        Set<Integer> colours = new HashSet<>();
        long jump = 0;
        byte[] d = p.data();
        for (int i = 0; i < p.pixelCount(); i++) {
            colours.add(
                    (d[3 * i] & 0xFF) << 16 | (d[3 * i + 1] & 0xFF) << 8 | (d[3 * i + 2] & 0xFF));
            if (i % 128 != 0) {
                jump += Math.abs((d[3 * i] & 0xFF) - (d[3 * i - 3] & 0xFF));
            }
        }
        assertTrue(colours.size() > 200, "only " + colours.size() + " colours");
        double meanStep = jump / (double) (p.pixelCount() - 128);
        assertTrue(
                meanStep < 16,
                "neighbouring pixels differ by " + meanStep + " on average: not a smooth field");
    }

    @Test
    void generate_isPngBytesDeterministic_andLimited() {
        ImageFunction function = new ImageFunction(ImageLimits.DEFAULTS);
        GenerateResult a = function.generate(new GenerateRequest(2, 48, 5));
        GenerateResult b = function.generate(new GenerateRequest(2, 48, 5));
        assertArrayEquals(a.images().get(1).png(), b.images().get(1).png());
        assertEquals(6, a.images().get(1).seed());
        ImageRejected tooMany =
                assertThrows(
                        ImageRejected.class,
                        () -> function.generate(new GenerateRequest(17, 8, 0)));
        assertEquals(ImageRejected.Reason.BAD_PARAMETER, tooMany.reason());
    }
}
