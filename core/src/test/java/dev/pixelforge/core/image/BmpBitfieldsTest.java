package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;

import dev.pixelforge.core.contract.ContractImages;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A BMP's bit-field masks size the JDK reader's lookup tables ({@code 1 << bits} entries), not its
 * pixels: a 70-byte 1x1 file with 30-bit masks was an OutOfMemoryError on a 768 MB heap. Masks
 * wider than 8 bits per channel are refused from the header, before the reader allocates anything.
 */
class BmpBitfieldsTest {

    /** A 1x1, 32 bits per pixel, BI_BITFIELDS BMP with three masks of {@code bits} bits each. */
    static byte[] bitfieldsBmp(int bits) {
        long mask = (1L << bits) - 1;
        ByteBuffer b = ByteBuffer.allocate(70).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(70).putInt(0).putInt(66); // file header
        b.putInt(40).putInt(1).putInt(1).putShort((short) 1).putShort((short) 32); // info header
        b.putInt(3).putInt(4).putInt(2835).putInt(2835).putInt(0).putInt(0); // BI_BITFIELDS
        b.putInt((int) mask).putInt((int) mask).putInt((int) mask); // red, green, blue masks
        b.putInt(0x12345678); // the one pixel
        return b.array();
    }

    @ParameterizedTest(name = "{0}-bit masks")
    @ValueSource(ints = {9, 26, 28, 30})
    void masksWiderThanEightBits_areRefusedFromTheHeader_withoutAllocating(int bits) {
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULTS);
        decoder.decode(ContractImages.png(8, 8, false)); // load ImageIO's classes before measuring
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        ImageRejected e =
                assertThrows(ImageRejected.class, () -> decoder.decode(bitfieldsBmp(bits)));

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(ImageRejected.Reason.UNSUPPORTED_FORMAT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(bits + "-bit channel masks"), e.getMessage());
        assertTrue(allocated < 4 << 20, "refusing allocated " + allocated + " bytes");
    }

    @ParameterizedTest(name = "{0}-bit masks")
    @ValueSource(ints = {5, 8})
    void masksOfEightBitsOrFewer_decode(int bits) {
        Pixels p = new ImageDecoder(ImageLimits.DEFAULTS).decode(bitfieldsBmp(bits)).pixels();

        assertEquals(1, p.width());
        assertEquals(1, p.height());
    }
}
