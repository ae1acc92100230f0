package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.contract.ContractImages;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every scale, from every input format to every output format: the output is a readable image of
 * the same size.
 */
class RoundTripTest {

    private final ImageFunction function = new ImageFunction(ImageLimits.DEFAULTS);

    static Stream<Arguments> combinations() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (String in :
                new String[] {"png", "png+alpha", "jpeg", "gif", "bmp", "tiff", "tiff+alpha"}) {
            for (ImageFormat out : ImageFormat.values()) {
                if (out == ImageFormat.WEBP) {
                    continue; // read, never written: WebP's answer is PNG (WebPAnswersTest)
                }
                for (String scale : new String[] {"gray", "sepia", "tint", "threshold"}) {
                    all.add(Arguments.of(in, out, scale));
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("combinations")
    void anyInput_anyScale_anyOutput_givesAReadableImageOfTheSameSize(
            String in, ImageFormat out, String scale) {
        boolean alpha = in.endsWith("+alpha");
        byte[] input =
                ContractImages.write(
                        ContractImages.pattern(33, 21, alpha), in.replace("+alpha", ""));
        ToneResult result =
                function.tone(
                        input,
                        new ToneRequest(ToneScale.parse(scale, Map.of()), Optional.of(out), 80));

        ImageDecoder.Decoded back = new ImageDecoder(ImageLimits.DEFAULTS).decode(result.image());
        assertEquals(out, back.format());
        assertEquals(33, back.pixels().width());
        assertEquals(21, back.pixels().height());
        assertEquals(out, result.format());
        if (alpha && (out == ImageFormat.PNG || out == ImageFormat.TIFF)) {
            assertTrue(
                    back.pixels().channels().hasAlpha(), out + " output dropped the alpha channel");
        }
        boolean grayScale = scale.equals("gray") || scale.equals("threshold");
        if (out != ImageFormat.GIF) { // GIF stores a palette, whatever its colours
            assertEquals(
                    grayScale,
                    back.pixels().channels().isGray(),
                    scale + " to " + out + " came back as " + back.pixels().channels());
        }
    }
}
