package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;

import dev.pixelforge.core.contract.ContractImages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A small file that declares a huge image is refused from its header: the decoder must not allocate
 * the pixels it declares. Measured as bytes allocated by the refusing thread, not time.
 */
class DeclaredSizeLimitTest {

    private static final int SIDE =
            60_000; // 3.6 Gpx: 10.8 GB as RGB if anything tried to allocate it

    static Stream<Arguments> hugeDeclarations() {
        return Stream.of(
                Arguments.of("PNG", ContractImages.pngDeclaring(SIDE, SIDE)),
                Arguments.of("JPEG", jpegDeclaring(SIDE, SIDE)),
                Arguments.of("GIF", gifDeclaring(SIDE, SIDE)),
                Arguments.of("TIFF", ContractImages.tiffDeclaring(SIDE, SIDE)),
                Arguments.of("WebP", ContractImages.webpDeclaring(SIDE, SIDE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeDeclarations")
    void hugeDeclaredImage_isRefusedFromItsHeader_withoutAllocatingItsPixels(
            String format, byte[] file) {
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULTS);
        decoder.decode(ContractImages.png(8, 8, false)); // load ImageIO's classes before measuring
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        ImageRejected e = assertThrows(ImageRejected.class, () -> decoder.decode(file));

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(ImageRejected.Reason.TOO_MANY_PIXELS, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(SIDE + "x" + SIDE), e.getMessage());
        assertTrue(allocated < 4 << 20, format + ": refusing allocated " + allocated + " bytes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeDeclarations")
    void eachFixture_reallyDeclaresThatSize_toImageIo(String format, byte[] file)
            throws IOException {
        // Guards the test above: a fixture ImageIO cannot read the size of would prove nothing.
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(SIDE, reader.getWidth(0), format);
            assertEquals(SIDE, reader.getHeight(0), format);
            reader.dispose();
        }
    }

    @Test
    void bmpDeclaringMoreThanItHolds_isRefusedByItsHeader_withoutAllocatingItsPixels() {
        // An uncompressed BMP carries every pixel, so a huge one is stopped by the body limit; one
        // that only declares a huge size is refused from its header, before any reader sees it.
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULTS);
        decoder.decode(ContractImages.write(ContractImages.pattern(8, 8, false), "bmp"));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        ImageRejected e =
                assertThrows(ImageRejected.class, () -> decoder.decode(bmpDeclaring(SIDE, SIDE)));

        assertEquals(ImageRejected.Reason.TOO_MANY_PIXELS, e.reason(), e.getMessage());
        assertTrue(threads.getCurrentThreadAllocatedBytes() - before < 4 << 20);
    }

    static byte[] jpegDeclaring(int w, int h) {
        byte[] jpeg = ContractImages.jpeg(16, 16);
        for (int i = 0; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF
                    && (jpeg[i + 1] & 0xFF) == 0xC0) { // SOF0: length, precision, height, width
                ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) h).putShort((short) w);
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 in the JDK's JPEG");
    }

    static byte[] gifDeclaring(int w, int h) {
        byte[] gif = ContractImages.write(ContractImages.pattern(16, 16, false), "gif");
        ByteBuffer le = ByteBuffer.wrap(gif).order(ByteOrder.LITTLE_ENDIAN);
        le.putShort(6, (short) w).putShort(8, (short) h); // logical screen
        int p = 13 + ((gif[10] & 0x80) != 0 ? 3 * (1 << ((gif[10] & 7) + 1)) : 0);
        while (gif[p] == 0x21) { // skip extension blocks to the image descriptor
            p += 2;
            while (gif[p] != 0) {
                p += (gif[p] & 0xFF) + 1;
            }
            p++;
        }
        le.putShort(p + 5, (short) w).putShort(p + 7, (short) h);
        return gif;
    }

    static byte[] bmpDeclaring(int w, int h) {
        byte[] bmp = ContractImages.write(ContractImages.pattern(16, 16, false), "bmp");
        ByteBuffer.wrap(bmp).order(ByteOrder.LITTLE_ENDIAN).putInt(18, w).putInt(22, h);
        return bmp;
    }
}
