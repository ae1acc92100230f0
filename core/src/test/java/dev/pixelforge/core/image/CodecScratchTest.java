package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

class CodecScratchTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULTS);
    private final ImageEncoder encoder = new ImageEncoder();
    private final FractalNoiseGenerator noise = new FractalNoiseGenerator();

    @Test
    void jpegDecodedIntoReusedArrays_isTheSameImage_andTheNextImageOfThatSizeOverwritesItWhole() {
        byte[] first = encoder.encode(noise.generate(96, 1), ImageFormat.JPEG, 75);
        byte[] second = encoder.encode(noise.generate(96, 2), ImageFormat.JPEG, 75);
        CodecScratch scratch = new CodecScratch();
        for (boolean luma : new boolean[] {true, false}) {
            Pixels a = decoder.decode(first, luma, scratch).pixels();
            assertArrayEquals(
                    decoder.decode(first, luma, null).pixels().data(), a.data(), "luma " + luma);
            Pixels b = decoder.decode(second, luma, scratch).pixels();
            assertSame(a.data(), b.data(), "the same size and type: the same array");
            assertArrayEquals(
                    decoder.decode(second, luma, null).pixels().data(), b.data(), "luma " + luma);
            assertEquals(luma ? Channels.GRAY : Channels.BGR, b.channels());
        }
    }

    @Test
    void jpegCutShortWithItsEndMarker_decodedIntoAReusedArray_keepsNoPixelOfThePreviousRequest() {
        // libjpeg fills the rows it has no data for; into a reused array they must not be the last
        // request's rows.
        byte[] previous = encoder.encode(noise.generate(256, 1), ImageFormat.JPEG, 75);
        byte[] whole = encoder.encode(noise.generate(256, 2), ImageFormat.JPEG, 75);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9; // EOI: what the truncation check looks for
        for (boolean luma : new boolean[] {true, false}) {
            CodecScratch scratch = new CodecScratch();
            Pixels before = decoder.decode(previous, luma, scratch).pixels();
            Pixels after = decoder.decode(cut, luma, scratch).pixels();
            assertSame(before.data(), after.data(), "decoded into the reused array");
            assertArrayEquals(
                    decoder.decode(cut, luma, null).pixels().data(), after.data(), "luma " + luma);
        }
    }

    @Test
    void everyJpegOfTheWildCorpus_throughOneThreadsScratch_inTurn_decodesAsFresh()
            throws Exception {
        // CMYK, YCCK, Display P3, orientations, restart markers: one scratch, as one pixel thread
        // serves them one after another.
        List<Path> jpegs;
        try (var files = Files.list(Path.of("src/test/resources/contract/wild"))) {
            jpegs =
                    files.filter(
                                    p ->
                                            p.toString().endsWith(".jpg")
                                                    && !p.getFileName()
                                                            .toString()
                                                            .startsWith("arithmetic"))
                            .sorted()
                            .toList();
        }
        assertEquals(
                14,
                jpegs.size(),
                "the corpus's Huffman-coded JPEGs (its README lists them): " + jpegs);
        CodecScratch scratch = new CodecScratch();
        for (int round = 0; round < 2; round++) {
            for (Path jpeg : jpegs) {
                byte[] bytes = Files.readAllBytes(jpeg);
                for (boolean luma : new boolean[] {false, true}) {
                    assertArrayEquals(
                            decoder.decode(bytes, luma, null).pixels().data(),
                            decoder.decode(bytes, luma, scratch).pixels().data(),
                            jpeg.getFileName() + " luma " + luma + " round " + round);
                }
            }
        }
    }

    @Test
    void encodingThroughTheReusedOutput_givesTheSameBytes_eachAnswerItsOwnArray() {
        CodecScratch scratch = new CodecScratch();
        Pixels big = noise.generate(400, 3);
        Pixels small = noise.generate(40, 4);
        for (ImageFormat format :
                new ImageFormat[] {
                    ImageFormat.JPEG, ImageFormat.TIFF, ImageFormat.BMP, ImageFormat.GIF
                }) {
            byte[] bigOut = encoder.encode(big, format, 75, scratch);
            byte[] smallOut =
                    encoder.encode(small, format, 75, scratch); // into the array the big one grew
            assertArrayEquals(encoder.encode(big, format, 75), bigOut, format.name());
            assertArrayEquals(encoder.encode(small, format, 75), smallOut, format.name());
            assertNotSame(bigOut, smallOut);
        }
    }

    @Test
    void scratchKeepsAtMostItsBound_leastRecentlyUsedSizesGoFirst() {
        CodecScratch scratch = new CodecScratch();
        BufferedImage hd = scratch.image(1920, 1080, BufferedImage.TYPE_3BYTE_BGR); // 6.2 MB
        assertSame(hd, scratch.image(1920, 1080, BufferedImage.TYPE_3BYTE_BGR));
        BufferedImage other =
                scratch.image(1280, 720, BufferedImage.TYPE_3BYTE_BGR); // 2.8 MB: 9 MB together
        assertTrue(scratch.imageBytes() <= CodecScratch.MAX_BYTES);
        assertSame(other, scratch.image(1280, 720, BufferedImage.TYPE_3BYTE_BGR));
        assertNotSame(
                hd,
                scratch.image(1920, 1080, BufferedImage.TYPE_3BYTE_BGR),
                "the 1920x1080 was let go");
        assertNull(
                scratch.image(7680, 4320, BufferedImage.TYPE_BYTE_GRAY),
                "an 8K image is never kept");
    }
}
