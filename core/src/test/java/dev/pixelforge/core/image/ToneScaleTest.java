package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

/** The tone scales on hand-made pixels, where the right answer can be worked out on paper. */
class ToneScaleTest {

    /** One BGR pixel each: white, black, pure red, pure green, pure blue. */
    private static final Pixels PRIMARIES =
            new Pixels(
                    5,
                    1,
                    Channels.BGR,
                    bytes(255, 255, 255, 0, 0, 0, 0, 0, 255, 0, 255, 0, 255, 0, 0));

    @Test
    void gray_usesPillowsFixedPointWeights() {
        Pixels gray = GrayScale.INSTANCE.apply(PRIMARIES);
        assertEquals(Channels.GRAY, gray.channels());
        // (255*19595 + 32768) >> 16 = 76, (255*38470 + 32768) >> 16 = 150, (255*7471 + 32768) >> 16
        // = 29
        assertArrayEquals(bytes(255, 0, 76, 150, 29), gray.data());
    }

    @Test
    void gray_ofEveryRandomPixel_isTheFormula_atAnyWidth() {
        for (int width :
                new int[] {1, 2, 3, 333}) { // odd widths leave one pixel for the pair loop's tail
            Pixels in = Pixels.blank(width, 7, Channels.BGR);
            new SplittableRandom(width).nextBytes(in.data());
            byte[] gray = GrayScale.INSTANCE.apply(in).data();
            for (int i = 0; i < in.pixelCount(); i++) {
                byte[] d = in.data();
                assertEquals(
                        Luma.of(d[3 * i + 2] & 0xFF, d[3 * i + 1] & 0xFF, d[3 * i] & 0xFF),
                        gray[i] & 0xFF,
                        "pixel " + i + " of width " + width);
            }
        }
    }

    @Test
    void gray_keepsAlpha_andLeavesGrayInputAsItIs() {
        Pixels abgr = new Pixels(2, 1, Channels.ABGR, bytes(10, 0, 0, 255, 200, 255, 255, 255));
        assertArrayEquals(bytes(76, 10, 255, 200), GrayScale.INSTANCE.apply(abgr).data());
        Pixels gray = new Pixels(3, 1, Channels.GRAY, bytes(1, 2, 3));
        assertArrayEquals(gray.data(), GrayScale.INSTANCE.apply(gray).data());
    }

    @Test
    void sepia_appliesTheClassicMatrix_withClamping() {
        Pixels sepia = SepiaScale.INSTANCE.apply(PRIMARIES);
        assertEquals(Channels.BGR, sepia.channels());
        // white: R = G = 255 (clamped from 1.351 and 1.203 x 255), B = round(0.937 x 255) = 239
        assertArrayEquals(bytes(239, 255, 255), slice(sepia, 0));
        assertArrayEquals(bytes(0, 0, 0), slice(sepia, 1));
        // red: B = .272 x 255 = 69.4, G = .349 x 255 = 89.0, R = .393 x 255 = 100.2
        assertArrayEquals(bytes(69, 89, 100), slice(sepia, 2));
    }

    @Test
    void tint_mapsBlackToBlack_andWhiteToTheColour_keepingAlpha() {
        Pixels in = new Pixels(2, 1, Channels.ABGR, bytes(7, 0, 0, 0, 9, 255, 255, 255));
        Pixels tinted = new TintScale(0x3366CC).apply(in);
        assertEquals(Channels.ABGR, tinted.channels());
        assertArrayEquals(bytes(7, 0, 0, 0, 9, 0xCC, 0x66, 0x33), tinted.data());
    }

    @Test
    void threshold_isWhiteFromTheLevelUp() {
        Pixels gray = new Pixels(4, 1, Channels.GRAY, bytes(99, 100, 101, 255));
        assertArrayEquals(bytes(0, 255, 255, 255), new ThresholdScale(100).apply(gray).data());
        assertArrayEquals(bytes(0, 0, 0, 255), new ThresholdScale(255).apply(gray).data());
    }

    @Test
    void parse_readsNamesAndParameters_andRefusesWhatItCannotRead() {
        assertSame(GrayScale.INSTANCE, ToneScale.parse(null, Map.of()));
        assertEquals(new TintScale(0x112233), ToneScale.parse("tint", Map.of("color", "#112233")));
        assertEquals(new ThresholdScale(7), ToneScale.parse("Threshold", Map.of("level", " 7 ")));
        for (Map.Entry<String, Map<String, String>> bad :
                Map.of(
                                "blur", Map.<String, String>of(),
                                "tint", Map.of("color", "12345"),
                                "threshold", Map.of("level", "-1"))
                        .entrySet()) {
            ImageRejected e =
                    assertThrows(
                            ImageRejected.class,
                            () -> ToneScale.parse(bad.getKey(), bad.getValue()));
            assertEquals(ImageRejected.Reason.BAD_PARAMETER, e.reason());
        }
    }

    private static byte[] slice(Pixels p, int pixel) {
        int n = p.channels().count();
        byte[] out = new byte[n];
        System.arraycopy(p.data(), pixel * n, out, 0, n);
        return out;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
