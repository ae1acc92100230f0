package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.contract.ContractImages;
import dev.pixelforge.core.contract.WildFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import java.util.EnumSet;

/** Decoding: every layout PNG, GIF and BMP produce lands in one of the four {@link Channels}. */
class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULTS);

    @Test
    void sixteenBitGrayPng_isScaledTo8Bits() {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setPixels(0, 0, 3, 1, new int[] {0, 32896, 65535});
        Pixels p = decoder.decode(ContractImages.write(img, "png")).pixels();
        assertEquals(Channels.GRAY, p.channels());
        assertArrayEqualsUnsigned(new int[] {0, 128, 255}, p.data());
    }

    @Test
    void transparentPalettePng_keepsItsAlpha() {
        byte[] r = {(byte) 255, 0}, g = {0, 0}, b = {0, (byte) 255}, a = {(byte) 255, 0};
        BufferedImage img =
                new BufferedImage(
                        2,
                        1,
                        BufferedImage.TYPE_BYTE_INDEXED,
                        new IndexColorModel(8, 2, r, g, b, a));
        img.getRaster().setPixels(0, 0, 2, 1, new int[] {0, 1});
        Pixels p = decoder.decode(ContractImages.write(img, "png")).pixels();
        assertEquals(Channels.ABGR, p.channels());
        assertArrayEqualsUnsigned(new int[] {255, 0, 0, 255, 0, 255, 0, 0}, p.data());
    }

    @Test
    void oneBitPng_expandsToBlackAndWhite() {
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = img.getRaster();
        raster.setPixels(0, 0, 4, 1, new int[] {1, 0, 0, 1});
        Pixels p = decoder.decode(ContractImages.write(img, "png")).pixels();
        assertEquals(Channels.GRAY, p.channels());
        assertArrayEqualsUnsigned(new int[] {255, 0, 0, 255}, p.data());
    }

    @Test
    void rgbaPng_isTakenOverWithItsAlpha() {
        Pixels p = decoder.decode(ContractImages.png(5, 4, true)).pixels();
        assertEquals(Channels.ABGR, p.channels());
        assertEquals((byte) 255, p.data()[0], "first pixel's alpha");
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "gif", "bmp", "tiff"})
    void everyFormat_isRecognisedByItsBytes_notItsName(String format) {
        byte[] file = ContractImages.write(ContractImages.pattern(9, 7, false), format);
        ImageDecoder.Decoded d = decoder.decode(file);
        assertEquals(ImageFormat.parse(format), d.format());
        assertEquals(9, d.pixels().width());
        assertEquals(7, d.pixels().height());
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "gif"})
    void cutShortFile_isTruncated_notDecodedWithGrayRows(String format) {
        byte[] file = ContractImages.write(ContractImages.pattern(40, 40, false), format);
        byte[] cut = Arrays.copyOf(file, file.length * 3 / 4);
        ImageRejected e = assertThrows(ImageRejected.class, () -> decoder.decode(cut));
        assertEquals(ImageRejected.Reason.TRUNCATED_IMAGE, e.reason(), e.getMessage());
    }

    @Test
    void unknownBytes_areNotAnImage_andKnownForeignFormats_areUnsupported() {
        assertEquals(
                ImageRejected.Reason.NOT_AN_IMAGE,
                assertThrows(
                                ImageRejected.class,
                                () -> decoder.decode("GIF is a nice format".getBytes()))
                        .reason());
        ImageRejected heif =
                assertThrows(ImageRejected.class, () -> decoder.decode(ContractImages.heif()));
        assertEquals(ImageRejected.Reason.UNSUPPORTED_FORMAT, heif.reason());
        assertTrue(heif.getMessage().contains("convert it to JPEG"), heif.getMessage());
        assertEquals(
                ImageRejected.Reason.UNSUPPORTED_FORMAT,
                assertThrows(
                                ImageRejected.class,
                                () -> decoder.decode(new byte[] {(byte) 0xFF, 0x0A, 0, 0}))
                        .reason());
        // WebP and TIFF are read now: a header with nothing behind it is a broken file, not a
        // foreign format.
        assertEquals(
                ImageRejected.Reason.NOT_AN_IMAGE,
                assertThrows(ImageRejected.class, () -> decoder.decode(ContractImages.webp()))
                        .reason());
        assertEquals(
                ImageRejected.Reason.NOT_AN_IMAGE,
                assertThrows(
                                ImageRejected.class,
                                () -> decoder.decode(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}))
                        .reason());
        assertEquals(
                ImageRejected.Reason.EMPTY_BODY,
                assertThrows(ImageRejected.class, () -> decoder.decode(new byte[0])).reason());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "lossy.webp",
                "lossless.webp",
                "alpha.webp",
                "rgb.tif",
                "rgb-lzw.tif",
                "cmyk.tif",
                "cmyk-adobe.jpg",
                "ycck-adobe.jpg",
                "animated.gif",
                "interlaced.png",
                "rgb16.png"
            })
    void damagedFileFromTheWild_isA4xxSayingWhatToFix_neverAJavaException(String name) {
        byte[] file = WildFiles.bytes(name);
        for (int cut : new int[] {file.length / 3, file.length / 2, file.length - 7}) {
            byte[] damaged = Arrays.copyOf(file, file.length);
            for (int i = cut; i < Math.min(damaged.length - 2, cut + 40); i++) {
                damaged[i] =
                        (byte) (damaged[i] * 31 + 7); // scrambled, length kept: not a truncation
            }
            for (byte[] bad : new byte[][] {damaged, Arrays.copyOf(file, cut)}) {
                try {
                    decoder.decode(bad);
                } catch (ImageRejected e) {
                    // Scrambled headers may also declare what crosses a limit (32-bit samples).
                    assertTrue(
                            EnumSet.of(
                                            ImageRejected.Reason.NOT_AN_IMAGE,
                                            ImageRejected.Reason.TRUNCATED_IMAGE,
                                            ImageRejected.Reason.INCONSISTENT_IMAGE,
                                            ImageRejected.Reason.UNSUPPORTED_FORMAT,
                                            ImageRejected.Reason.TILE_TOO_LARGE,
                                            ImageRejected.Reason.TOO_MANY_PIXELS)
                                    .contains(e.reason()),
                            name + ": " + e.reason());
                    assertFalse(e.getMessage().contains("Exception"), name + ": " + e.getMessage());
                }
                // Decoding without complaint is allowed: damage inside compressed pixel data may go
                // unnoticed.
            }
        }
    }

    @Test
    void arithmeticCodedJpeg_isRefused415_sayingHowToReSaveIt() {
        ImageRejected e =
                assertThrows(
                        ImageRejected.class,
                        () -> decoder.decode(WildFiles.bytes("arithmetic.jpg")));
        assertEquals(ImageRejected.Reason.UNSUPPORTED_FORMAT, e.reason());
        assertEquals(
                "this JPEG is arithmetic-coded (marker FFC9), which PixelForge's decoder does not"
                    + " read: re-save it Huffman-coded, losslessly, with `jpegtran -copy all in.jpg"
                    + " > out.jpg`",
                e.getMessage());
    }

    @Test
    void losslessJpeg_isRefused415() {
        byte[] jpeg = ContractImages.jpeg(16, 16);
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 1] = (byte) 0xC3;
                break;
            }
        }
        ImageRejected e = assertThrows(ImageRejected.class, () -> decoder.decode(jpeg));
        assertEquals(ImageRejected.Reason.UNSUPPORTED_FORMAT, e.reason());
        assertTrue(e.getMessage().contains("lossless coding process (SOF3)"), e.getMessage());
    }

    @Test
    void jpegWithRestartMarkers_decodesWhole() {
        Pixels p = decoder.decode(WildFiles.bytes("restart-markers.jpg")).pixels();
        assertEquals(64, p.width());
        assertEquals(48, p.height());
    }

    @Test
    void phonePortrait_exifSix_comesBackTallerThanWide() {
        Pixels p =
                decoder.decode(WildFiles.bytes("orientation-6.jpg"))
                        .pixels(); // stored 64x48, shown 48x64
        assertEquals(48, p.width());
        assertEquals(64, p.height());
    }

    @Test
    void bodyOverTheLimit_isRefusedBeforeSniffing() {
        ImageDecoder small = new ImageDecoder(new ImageLimits(100, 1000, 1, 8));
        ImageRejected e = assertThrows(ImageRejected.class, () -> small.decode(new byte[101]));
        assertEquals(ImageRejected.Reason.BODY_TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("100"), e.getMessage());
    }

    static void assertArrayEqualsUnsigned(int[] expected, byte[] actual) {
        int[] unsigned = new int[actual.length];
        for (int i = 0; i < actual.length; i++) {
            unsigned[i] = actual[i] & 0xFF;
        }
        assertEquals(Arrays.toString(expected), Arrays.toString(unsigned));
    }
}
