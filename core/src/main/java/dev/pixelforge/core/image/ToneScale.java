package dev.pixelforge.core.image;

import java.util.Locale;
import java.util.Map;

/**
 * A mapping of every pixel to a tone scale. Alpha passes through unchanged. Implementations read
 * and write whole interleaved arrays: one tight loop per layout, no per-pixel method calls.
 */
public sealed interface ToneScale permits GrayScale, SepiaScale, TintScale, ThresholdScale {

    Pixels apply(Pixels in);

    /** The name used in requests and in Server-Timing. */
    String name();

    /**
     * True when the scale reads only each pixel's luma (and alpha): a JPEG can then be decoded
     * straight to its Y channel, skipping the colour conversion.
     */
    default boolean readsOnlyLuma() {
        return false;
    }

    /**
     * Reads a scale and its parameters as a request names them: {@code gray}, {@code sepia}, {@code
     * tint} with {@code color=RRGGBB}, {@code threshold} with {@code level=0..255}.
     */
    static ToneScale parse(String scale, Map<String, String> params) {
        String name =
                scale == null || scale.isBlank() ? "gray" : scale.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "gray", "grey", "grayscale", "l" -> GrayScale.INSTANCE;
            case "sepia" -> SepiaScale.INSTANCE;
            case "tint" -> new TintScale(parseColor(params.get("color")));
            case "threshold" -> new ThresholdScale(parseLevel(params.get("level")));
            default ->
                    throw new ImageRejected(
                            ImageRejected.Reason.BAD_PARAMETER,
                            "scale '" + scale + "' is not one of gray, sepia, tint, threshold");
        };
    }

    private static int parseColor(String color) {
        if (color == null || color.isBlank()) {
            return 0x704214; // sepia brown: a tint that is visibly a tint
        }
        String hex = color.trim().startsWith("#") ? color.trim().substring(1) : color.trim();
        if (!hex.matches("[0-9a-fA-F]{6}")) {
            throw new ImageRejected(
                    ImageRejected.Reason.BAD_PARAMETER,
                    "color '" + color + "' is not six hex digits RRGGBB, for example color=3366CC");
        }
        return Integer.parseInt(hex, 16);
    }

    private static int parseLevel(String level) {
        if (level == null || level.isBlank()) {
            return 128;
        }
        try {
            int value = Integer.parseInt(level.trim());
            if (value >= 0 && value <= 255) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // fall through to the one message that says what is accepted
        }
        throw new ImageRejected(
                ImageRejected.Reason.BAD_PARAMETER,
                "level '" + level + "' is not a whole number from 0 to 255");
    }
}
