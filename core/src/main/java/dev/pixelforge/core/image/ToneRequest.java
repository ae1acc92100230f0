package dev.pixelforge.core.image;

import java.util.Optional;

/** One tone conversion: the scale, and the output format (empty: the input's) and JPEG quality. */
public record ToneRequest(ToneScale scale, Optional<ImageFormat> format, int quality) {

    public static ToneRequest gray() {
        return new ToneRequest(
                GrayScale.INSTANCE, Optional.empty(), ImageEncoder.DEFAULT_JPEG_QUALITY);
    }
}
