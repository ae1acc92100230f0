package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.contract.ContractImages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/** PixelForge's own PNG writer: lossless for every layout, and smaller than the JDK's. */
class PngEncoderTest {

    @ParameterizedTest
    @EnumSource(Channels.class)
    void everyLayout_roundTripsExactly_throughTheJdksPngReader(Channels channels) {
        Pixels p = noise(37, 23, channels);
        byte[] png = PngEncoder.encode(p);
        Pixels back = new ImageDecoder(ImageLimits.DEFAULTS).decode(png).pixels();
        assertEquals(channels, back.channels());
        assertArrayEquals(p.data(), back.data());
    }

    @Test
    void photoLikeContent_comesOutSmallerThanTheJdkWriter() {
        Pixels p = new FractalNoiseGenerator().generate(256, 3);
        byte[] ours = PngEncoder.encode(p);
        byte[] jdk = ContractImages.write(ImageEncoder.toImage(p), "png");
        assertTrue(
                ours.length < jdk.length,
                "ours " + ours.length + " bytes, the JDK's " + jdk.length);
    }

    @Test
    void colourJpeg_decodedToLuma_isWithinFourLevelsOfTheGrayOfItsRgb() {
        // Photo-like content: JPEG's Y and the luma of its reconstructed RGB differ only by
        // rounding.
        byte[] jpeg =
                new ImageEncoder()
                        .encode(
                                new FractalNoiseGenerator().generate(160, 11),
                                ImageFormat.JPEG,
                                75);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULTS);
        Pixels luma = decoder.decodeLuma(jpeg).pixels();
        Pixels viaRgb = GrayScale.INSTANCE.apply(decoder.decode(jpeg).pixels());
        assertEquals(Channels.GRAY, luma.channels());
        int worst = 0;
        for (int i = 0; i < luma.data().length; i++) {
            worst = Math.max(worst, Math.abs((luma.data()[i] & 0xFF) - (viaRgb.data()[i] & 0xFF)));
        }
        assertTrue(worst <= 4, "luma differs by " + worst + " levels");
        BufferedImage png = ContractImages.read(PngEncoder.encode(luma));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, png.getType());
    }

    private static Pixels noise(int w, int h, Channels c) {
        Pixels p = Pixels.blank(w, h, c);
        new SplittableRandom(w * 31L + c.ordinal()).nextBytes(p.data());
        return p;
    }
}
