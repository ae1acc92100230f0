package dev.pixelforge.core.image;

import java.util.Locale;
import java.util.Optional;

/** The formats PixelForge reads and writes, recognised by their leading bytes rather than a declared type. */
public enum ImageFormat {
    PNG("png", "image/png", true),
    JPEG("jpeg", "image/jpeg", false),
    GIF("gif", "image/gif", true),
    BMP("bmp", "image/bmp", false);

    private final String imageIoName;
    private final String mimeType;
    private final boolean keepsAlpha;

    ImageFormat(String imageIoName, String mimeType, boolean keepsAlpha) {
        this.imageIoName = imageIoName;
        this.mimeType = mimeType;
        this.keepsAlpha = keepsAlpha;
    }

    public String imageIoName() {
        return imageIoName;
    }

    public String mimeType() {
        return mimeType;
    }

    /** JPEG and BMP have no alpha channel: transparency is dropped when writing them. */
    public boolean keepsAlpha() {
        return keepsAlpha;
    }

    /** The format whose signature starts {@code bytes}, if it is one PixelForge reads. */
    public static Optional<ImageFormat> sniff(byte[] bytes) {
        if (startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 'G', 'I', 'F', '8', '7', 'a') || startsWith(bytes, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(GIF);
        }
        if (startsWith(bytes, 'B', 'M') && bytes.length >= 26) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /**
     * The name of a well-known image format PixelForge does not read, so that a client sending one
     * hears "unsupported" (415) rather than "not an image" (400).
     */
    public static Optional<String> sniffUnsupported(byte[] bytes) {
        if (startsWith(bytes, 'R', 'I', 'F', 'F') && bytes.length >= 12
                && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
            return Optional.of("WebP");
        }
        if (startsWith(bytes, 'I', 'I', 0x2A, 0x00) || startsWith(bytes, 'M', 'M', 0x00, 0x2A)) {
            return Optional.of("TIFF");
        }
        if (bytes.length >= 12 && bytes[4] == 'f' && bytes[5] == 't' && bytes[6] == 'y' && bytes[7] == 'p') {
            return Optional.of("HEIF/AVIF");
        }
        if (startsWith(bytes, 0x00, 0x00, 0x01, 0x00)) {
            return Optional.of("ICO");
        }
        if (startsWith(bytes, 0xFF, 0x0A) || startsWith(bytes, 0x00, 0x00, 0x00, 0x0C, 'J', 'X', 'L', ' ')) {
            return Optional.of("JPEG XL");
        }
        return Optional.empty();
    }

    /** Parses a {@code format} parameter: {@code png}, {@code jpeg} (or {@code jpg}), {@code gif}, {@code bmp}. */
    public static ImageFormat parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "png" -> PNG;
            case "jpeg", "jpg" -> JPEG;
            case "gif" -> GIF;
            case "bmp" -> BMP;
            default -> throw new ImageRejected(ImageRejected.Reason.BAD_PARAMETER,
                    "format '" + name + "' is not one of png, jpeg, gif, bmp");
        };
    }

    private static boolean startsWith(byte[] bytes, int... signature) {
        if (bytes.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((bytes[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
