package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.contract.WildFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Animated GIFs: every frame converted (Pillow's convert converts only the one it has seeked to),
 * with each frame's place, delay, disposal and transparency and the loop count kept.
 */
class AnimatedGifTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULTS);
    private final ImageFunction function = new ImageFunction(ImageLimits.DEFAULTS);

    @Test
    void grayAnimation_everyFrameEqualsPillowsConvertLOfThatFrame_andTimingAndLoopAreKept() {
        byte[] out = function.tone(WildFiles.bytes("animated.gif"), ToneRequest.gray()).image();

        Animation answer =
                decoder.decode(out)
                        .animation()
                        .orElseThrow(() -> new AssertionError("the answer is not animated"));
        List<String> listing =
                WildFiles.text("animated.gif.frames")
                        .lines()
                        .toList(); // Pillow's durations (ms), then loop=
        assertEquals(listing.size() - 1, answer.frames().size());
        assertEquals("loop=" + answer.loops(), listing.get(listing.size() - 1));
        for (int i = 0; i < answer.frames().size(); i++) {
            Animation.Frame frame = answer.frames().get(i);
            assertEquals(
                    Integer.parseInt(listing.get(i)),
                    frame.delayCentis() * 10,
                    "frame " + i + " duration");
            Pixels pillow =
                    decoder.decode(WildFiles.bytes("animated.gif." + i + ".L.png")).pixels();
            assertEquals(Channels.GRAY, frame.pixels().channels());
            assertArrayEquals(
                    pillow.data(),
                    frame.pixels().data(),
                    "frame " + i + " differs from Pillow's seek(" + i + ").convert('L')");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gray", "sepia", "tint", "threshold"})
    void spriteAnimation_keepsEveryFramesPlaceDisposalTransparencyAndIndices(String scale) {
        byte[] in = WildFiles.bytes("moving.gif");
        Animation input = decoder.decode(in).animation().orElseThrow();
        ToneScale tone = ToneScale.parse(scale, Map.of());

        Animation answer =
                decoder.decode(
                                function.tone(in, new ToneRequest(tone, Optional.empty(), 75))
                                        .image())
                        .animation()
                        .orElseThrow();

        assertEquals(3, answer.loops());
        assertEquals(input.canvasWidth(), answer.canvasWidth());
        assertEquals(input.canvasHeight(), answer.canvasHeight());
        assertEquals(4, answer.frames().size());
        assertTrue(
                input.frames().stream()
                        .skip(1)
                        .anyMatch(f -> f.left() > 0 && f.width() < input.canvasWidth()),
                "the fixture should hold sub-frames at an offset");
        for (int i = 0; i < 4; i++) {
            Animation.Frame a = input.frames().get(i);
            Animation.Frame b = answer.frames().get(i);
            String frame = "frame " + i;
            assertEquals(
                    List.of(
                            a.left(),
                            a.top(),
                            a.width(),
                            a.height(),
                            a.delayCentis(),
                            a.transparentIndex()),
                    List.of(
                            b.left(),
                            b.top(),
                            b.width(),
                            b.height(),
                            b.delayCentis(),
                            b.transparentIndex()),
                    frame);
            assertEquals(a.disposal(), b.disposal(), frame);
            assertArrayEquals(
                    tone.apply(a.pixels()).withoutAlpha().data(),
                    b.pixels().withoutAlpha().data(),
                    frame + " pixels");
            assertEquals(
                    a.pixels().channels().hasAlpha(),
                    b.pixels().channels().hasAlpha(),
                    frame + " transparency");
        }
    }

    @Test
    void animationAskedForAsPng_isItsFirstFrame_asPillowConvertsIt() {
        byte[] png =
                function.tone(
                                WildFiles.bytes("animated.gif"),
                                new ToneRequest(
                                        GrayScale.INSTANCE, Optional.of(ImageFormat.PNG), 75))
                        .image();
        ImageDecoder.Decoded back = decoder.decode(png);
        assertFalse(back.animation().isPresent());
        assertArrayEquals(
                decoder.decode(WildFiles.bytes("animated.gif.0.L.png")).pixels().data(),
                back.pixels().data());
    }

    @Test
    void budgetAndLimit_countEveryFrame() {
        byte[] gif = WildFiles.bytes("animated.gif"); // 3 frames of 64x48 = 3072 pixels each
        assertEquals(3L * 64 * 48, decoder.declaredPixels(gif));

        ImageDecoder small = new ImageDecoder(new ImageLimits(1 << 20, 5000, 1, 8));
        ImageRejected e = assertThrows(ImageRejected.class, () -> small.decode(gif));
        assertEquals(ImageRejected.Reason.TOO_MANY_PIXELS, e.reason());
        // Refused from the block headers as soon as the sum crosses the limit: at the second frame.
        assertTrue(e.getMessage().contains("2 frames of 6144 pixels"), e.getMessage());
    }

    @Test
    void grayGifWithTransparency_keepsItsTransparentPixels_asPillowsConvertLA() {
        byte[] out =
                function.tone(WildFiles.bytes("gray-transparent.gif"), ToneRequest.gray()).image();
        Pixels ours = decoder.decode(out).pixels();
        Pixels pillow = decoder.decode(WildFiles.bytes("gray-transparent.gif.LA.png")).pixels();
        assertEquals(Channels.GRAY_ALPHA, pillow.channels());
        assertEquals(Channels.GRAY_ALPHA, ours.channels());
        for (int i = 0; i < ours.pixelCount(); i++) {
            int alpha = pillow.data()[2 * i + 1] & 0xFF;
            assertEquals(alpha, ours.data()[2 * i + 1] & 0xFF, "alpha of pixel " + i);
            if (alpha
                    != 0) { // a transparent pixel's colour is not shown, and a GIF writer may pick
                // any
                assertEquals(pillow.data()[2 * i], ours.data()[2 * i], "gray of pixel " + i);
            }
        }
    }
}
