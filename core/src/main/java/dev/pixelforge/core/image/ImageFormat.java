package dev.pixelforge.core.image;

import java.util.Locale;
import java.util.Optional;

/**
 * The formats PixelForge reads, recognised by their leading bytes rather than a declared type. All
 * but WebP are written too: no WebP encoder runs on the JVM without native code, so a WebP's answer
 * is a PNG (lossless, keeps alpha).
 */
public enum ImageFormat {
    PNG("png", "image/png", true),
    JPEG("jpeg", "image/jpeg", false),
    GIF("gif", "image/gif", true),
    BMP("bmp", "image/bmp", false),
    /** The JDK's own TIFF plugin (javax.imageio, JDK 9+) reads and writes it. */
    TIFF("tiff", "image/tiff", true),
    /** TwelveMonkeys' WebP plugin reads it (lossy, lossless, alpha); nothing writes it. */
    WEBP("webp", "image/webp", true);

    /** What a request may name in {@code format=}, for messages. */
    static final String WRITABLE_NAMES = "png, jpeg, gif, bmp, tiff";

    /** What PixelForge reads, for messages. */
    public static final String READABLE_NAMES = "PNG, JPEG, GIF, BMP, TIFF or WebP";

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

    /**
     * The format an answer to this input comes in when the request names none: the same, but PNG
     * for WebP.
     */
    public ImageFormat answer() {
        return this == WEBP ? PNG : this;
    }

    /** The format whose signature starts {@code bytes}, if it is one PixelForge reads. */
    public static Optional<ImageFormat> sniff(byte[] bytes) {
        if (startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 'G', 'I', 'F', '8', '7', 'a')
                || startsWith(bytes, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(GIF);
        }
        if (startsWith(bytes, 'B', 'M') && bytes.length >= 26) {
            return Optional.of(BMP);
        }
        if (startsWith(bytes, 'I', 'I', 0x2A, 0x00) || startsWith(bytes, 'M', 'M', 0x00, 0x2A)) {
            return Optional.of(TIFF);
        }
        if (isWebP(bytes)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean isWebP(byte[] bytes) {
        return startsWith(bytes, 'R', 'I', 'F', 'F')
                && bytes.length >= 12
                && bytes[8] == 'W'
                && bytes[9] == 'E'
                && bytes[10] == 'B'
                && bytes[11] == 'P';
    }

    /**
     * The name of a well-known image format PixelForge does not read, so that a client sending one
     * hears "unsupported" (415) rather than "not an image" (400).
     */
    public static Optional<String> sniffUnsupported(byte[] bytes) {
        if (bytes.length >= 12
                && bytes[4] == 'f'
                && bytes[5] == 't'
                && bytes[6] == 'y'
                && bytes[7] == 'p') {
            return Optional.of("HEIF/AVIF");
        }
        if (startsWith(bytes, 0x00, 0x00, 0x01, 0x00)) {
            return Optional.of("ICO");
        }
        if (startsWith(bytes, 0xFF, 0x0A)
                || startsWith(bytes, 0x00, 0x00, 0x00, 0x0C, 'J', 'X', 'L', ' ')) {
            return Optional.of("JPEG XL");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code bytes} reach the end this format marks: PNG's IEND chunk, JPEG's EOI marker,
     * GIF's trailer, BMP's declared file size, WebP's RIFF size. A file without it was cut short in
     * transit. TIFF marks no end (its directory may come first or last): its decoder reports a cut.
     */
    public boolean isComplete(byte[] bytes) {
        int n = bytes.length;
        return switch (this) {
            case PNG ->
                    n >= 12
                            && bytes[n - 8] == 'I'
                            && bytes[n - 7] == 'E'
                            && bytes[n - 6] == 'N'
                            && bytes[n - 5] == 'D';
            case JPEG -> endsWithEoi(bytes);
            case GIF -> n > 0 && bytes[n - 1] == 0x3B;
            case BMP -> {
                long declared =
                        (bytes[2] & 0xFFL)
                                | (bytes[3] & 0xFFL) << 8
                                | (bytes[4] & 0xFFL) << 16
                                | (bytes[5] & 0xFFL) << 24;
                yield declared == 0 || declared <= n; // 0: size left unset, which BMP allows
            }
            case TIFF -> true;
            case WEBP ->
                    n >= 8
                            && 8
                                            + ((bytes[4] & 0xFFL)
                                                    | (bytes[5] & 0xFFL) << 8
                                                    | (bytes[6] & 0xFFL) << 16
                                                    | (bytes[7] & 0xFFL) << 24)
                                    <= n;
        };
    }

    /** EOI (FF D9) at the end, allowing for the padding some encoders add after it. */
    private static boolean endsWithEoi(byte[] bytes) {
        for (int i = bytes.length - 2, stop = Math.max(0, bytes.length - 1024); i >= stop; i--) {
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a {@code format} parameter: {@code png}, {@code jpeg} (or {@code jpg}), {@code gif},
     * {@code bmp}, {@code tiff} (or {@code tif}).
     */
    public static ImageFormat parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "png" -> PNG;
            case "jpeg", "jpg" -> JPEG;
            case "gif" -> GIF;
            case "bmp" -> BMP;
            case "tiff", "tif" -> TIFF;
            case "webp" ->
                    throw new ImageRejected(
                            ImageRejected.Reason.BAD_PARAMETER,
                            "format 'webp' cannot be written here (no WebP encoder on this JVM):"
                                    + " ask for png, which keeps every pixel and the alpha");
            default ->
                    throw new ImageRejected(
                            ImageRejected.Reason.BAD_PARAMETER,
                            "format '" + name + "' is not one of " + WRITABLE_NAMES);
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
