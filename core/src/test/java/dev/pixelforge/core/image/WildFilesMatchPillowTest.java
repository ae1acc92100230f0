package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.contract.WildFiles;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

/**
 * {@code gray} of files from the wild against Pillow's answer for the same file, through the whole
 * kernel (decode, orientation, tone, PNG encode, decoded again). The corpus and its references come
 * from {@code src/test/resources/contract/wild/make_corpus.py}; see its README for the tolerances.
 */
class WildFilesMatchPillowTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULTS);
    private final ImageFunction function = new ImageFunction(ImageLimits.DEFAULTS);

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "cmyk.tif",
                "rgb.tif",
                "rgb-lzw.tif",
                "lossless.webp",
                "alpha.webp",
                "display-p3.png",
                "display-p3.webp",
                "display-p3.tif",
                "interlaced.png",
                "trns-rgb.png",
                "trns-gray.png",
                "palette-1bit.png",
                "palette-2bit.png",
                "palette-4bit.png",
                "gray-transparent.gif"
            })
    void losslessInput_grayEqualsPillowsConvertL_byteForByte(String name) {
        assertEquals(0, maxDifference(name, name + ".L.png"), name);
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void pngWithExifOrientation_isTurnedUpright_exactlyAsPillowsExifTranspose(int orientation) {
        String name = "orientation-" + orientation + ".png";
        assertEquals(0, maxDifference(name, name + ".T.L.png"), name);
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void jpegWithExifOrientation_isTurnedUpright_withinTheJpegTolerance(int orientation) {
        String name = "orientation-" + orientation + ".jpg";
        assertWithin(WildFiles.JPEG_GRAY_TOLERANCE, name, name + ".T.L.png");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cmyk-adobe.jpg", "cmyk-plain.jpg", "ycck-adobe.jpg", "cmyk.tif"})
    void cmykInput_decodesToPillowsRgb_byteForByte_soEveryScaleStartsFromPillowsPixels(
            String name) {
        // The JDK's libjpeg and Debian's libjpeg-turbo agree on 4-channel JPEGs here (no chroma
        // upsampling,
        // no YCbCr-to-RGB rounding), and CMYK to RGB is Pillow's formula: equal, not merely close.
        Pixels pillow = decoder.decode(WildFiles.bytes(name + ".RGB.png")).pixels();
        Pixels ours = decoder.decode(WildFiles.bytes(name)).pixels();
        assertEquals(Channels.BGR, ours.channels());
        assertArrayEquals(pillow.data(), ours.data(), name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cmyk-adobe.jpg", "cmyk-plain.jpg", "ycck-adobe.jpg", "cmyk-icc.jpg"})
    void cmykJpeg_grayEqualsPillowsConvertL_byteForByte(String name) {
        assertEquals(0, maxDifference(name, name + ".L.png"), name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"display-p3.jpg", "restart-markers.jpg"})
    void colourJpeg_grayIsPillowsWithinTheJpegTolerance(String name) {
        assertWithin(WildFiles.JPEG_GRAY_TOLERANCE, name, name + ".L.png");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lossy.webp"})
    void lossyWebP_grayIsPillowsWithinTheWebPTolerance(String name) {
        assertWithin(WildFiles.LOSSY_WEBP_GRAY_TOLERANCE, name, name + ".L.png");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rgb16.png"})
    void sixteenBitPng_isRoundedTo8Bits_oneLevelAtMostFromPillowsTruncation(String name) {
        assertWithin(1, name, name + ".L.png");
    }

    private void assertWithin(int tolerance, String input, String reference) {
        int max = maxDifference(input, reference);
        assertTrue(
                max <= tolerance,
                input
                        + ": gray differs from Pillow's by up to "
                        + max
                        + " levels, tolerance "
                        + tolerance);
    }

    /** The largest difference, in gray levels, between our gray PNG answer and Pillow's. */
    private int maxDifference(String input, String reference) {
        ToneResult result =
                function.tone(
                        WildFiles.bytes(input),
                        new ToneRequest(
                                GrayScale.INSTANCE,
                                Optional.of(ImageFormat.PNG),
                                ImageEncoder.DEFAULT_JPEG_QUALITY));
        Pixels pillow = decoder.decode(WildFiles.bytes(reference)).pixels();
        Pixels ours = decoder.decode(result.image()).pixels();
        assertEquals(pillow.width(), ours.width(), input + " width");
        assertEquals(pillow.height(), ours.height(), input + " height");
        byte[] gray = grayChannel(ours);
        byte[] expected = grayChannel(pillow);
        int max = 0;
        for (int i = 0; i < gray.length; i++) {
            max = Math.max(max, Math.abs((gray[i] & 0xFF) - (expected[i] & 0xFF)));
        }
        if (max == 0) {
            assertArrayEquals(expected, gray);
        }
        return max;
    }

    static byte[] grayChannel(Pixels p) {
        if (p.channels() == Channels.GRAY) {
            return p.data();
        }
        assertEquals(Channels.GRAY_ALPHA, p.channels(), "a gray answer");
        byte[] gray = new byte[p.pixelCount()];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = p.data()[2 * i];
        }
        return gray;
    }
}
