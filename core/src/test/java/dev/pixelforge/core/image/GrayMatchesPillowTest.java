package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code gray} against Pillow's {@code convert('L')}, byte for byte, on lossless inputs of every
 * kind PixelForge reads. The references were made by {@code
 * src/test/resources/pillow/make_references.py} with Debian's Pillow (version in PILLOW_VERSION
 * there).
 */
class GrayMatchesPillowTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULTS);
    private final ImageFunction function = new ImageFunction(ImageLimits.DEFAULTS);

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "rgb.png",
                "rgba.png",
                "palette.png",
                "gray.png",
                "gray-alpha.png",
                "palette.gif",
                "rgb.bmp"
            })
    void grayPixels_equalPillowConvertL(String input) throws IOException {
        Pixels pillow = decoder.decode(resource(input + ".L.png")).pixels();
        assertEquals(Channels.GRAY, pillow.channels());

        Pixels ours = GrayScale.INSTANCE.apply(decoder.decode(resource(input)).pixels());

        assertEquals(pillow.width(), ours.width());
        assertArrayEquals(
                pillow.data(),
                grayChannel(ours),
                "gray of " + input + " differs from Pillow's convert('L')");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rgb.png", "rgba.png", "palette.png"})
    void grayPngOutput_decodesToPillowsPixels(String input) throws IOException {
        byte[] png = function.tone(resource(input), ToneRequest.gray()).image();
        Pixels pillow = decoder.decode(resource(input + ".L.png")).pixels();
        assertArrayEquals(pillow.data(), grayChannel(decoder.decode(png).pixels()));
    }

    private static byte[] grayChannel(Pixels p) {
        if (p.channels() == Channels.GRAY) {
            return p.data();
        }
        assertEquals(Channels.GRAY_ALPHA, p.channels());
        byte[] gray = new byte[p.pixelCount()];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = p.data()[2 * i];
        }
        return gray;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = GrayMatchesPillowTest.class.getResourceAsStream("/pillow/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /pillow/" + name);
            }
            return in.readAllBytes();
        }
    }
}
