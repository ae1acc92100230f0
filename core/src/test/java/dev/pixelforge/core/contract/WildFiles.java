package dev.pixelforge.core.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The "files from the wild" corpus (issue 14) and Pillow's answers for it, in {@code
 * core/src/test/resources/contract/wild/} (made by {@code make_corpus.py} there; its README lists
 * the files). Shipped in the test-jar, so every target's contract run reads the same files.
 */
public final class WildFiles {

    /**
     * Gray levels a colour (YCbCr) JPEG's gray may differ from Pillow's: the decoder's Y against
     * Pillow's luma of decoded RGB (see the README's kernel table; 6 on this corpus). CMYK and YCCK
     * JPEGs match exactly.
     */
    public static final int JPEG_GRAY_TOLERANCE = 7;

    /**
     * TwelveMonkeys' VP8 decoder against libwebp's, which upsample chroma differently: 7 on this
     * corpus.
     */
    public static final int LOSSY_WEBP_GRAY_TOLERANCE = 7;

    private WildFiles() {}

    public static byte[] bytes(String name) {
        try (InputStream in = WildFiles.class.getResourceAsStream("/contract/wild/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource /contract/wild/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.US_ASCII);
    }
}
