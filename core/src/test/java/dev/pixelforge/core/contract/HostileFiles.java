package dev.pixelforge.core.contract;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hostile files, built byte by byte: each declares (a raster, tile, palette, sample width, frame
 * count, canvas or compressed size) far more than it holds, so that a decoder trusting the header
 * would allocate or compute far past what the file's size suggests. Every builder says what its
 * file declares.
 */
public final class HostileFiles {

    private HostileFiles() {}

    // --- PNG ---

    /**
     * A PNG whose IHDR declares {@code w} x {@code h} pixels of {@code depth}-bit samples in colour
     * type {@code colourType}, with the given chunks between IHDR and IEND.
     */
    public static byte[] png(int w, int h, int depth, int colourType, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h);
        ihdr.put((byte) depth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(pngChunk("IHDR", ihdr.array()));
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        out.writeBytes(pngChunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** One PNG chunk: length, type, data, CRC of type and data. */
    public static byte[] pngChunk(String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(t)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /** An empty zlib stream (8 bytes): expands to nothing. */
    public static final byte[] EMPTY_ZLIB = {0x78, (byte) 0x9C, 0x03, 0x00, 0, 0, 0, 1};

    /** A 60000x60000 RGB PNG (3.6 Gpx, 10.8 GB decoded) holding an empty zlib stream: 57 bytes. */
    public static byte[] pngHuge() {
        return png(60_000, 60_000, 8, 2, pngChunk("IDAT", EMPTY_ZLIB));
    }

    /** A 16x16 PNG declaring 32-bit samples (PNG has at most 16; a table of 2^32 entries). */
    public static byte[] pngWideSamples() {
        return png(16, 16, 32, 0, pngChunk("IDAT", EMPTY_ZLIB));
    }

    /** A 16x16 palette PNG whose PLTE declares 1000 colours (PNG allows 256). */
    public static byte[] pngHugePalette() {
        return png(16, 16, 8, 3, pngChunk("PLTE", new byte[3000]), pngChunk("IDAT", EMPTY_ZLIB));
    }

    /**
     * A 6000x6000 RGB PNG (36 Mpx, under the 40 Mpx limit: 108 MB decoded) whose IDAT is an 8-byte
     * zlib stream: deflate expands at most 1032 times, so it cannot hold the raster.
     */
    public static byte[] pngRasterTheDataCannotFill() {
        return png(6000, 6000, 8, 2, pngChunk("IDAT", EMPTY_ZLIB));
    }

    /**
     * A 16x16 gray PNG (272 bytes of filtered rows) whose IDAT is a zlib stream of {@code mib} MiB
     * of zeros (about 1 KB compressed per MiB): a decompression bomb far past its raster.
     */
    public static byte[] pngZlibBomb(int mib) {
        return pngZlibBomb(16, mib);
    }

    /**
     * A {@code side} x {@code side} gray PNG whose IDAT is a zlib stream of {@code mib} MiB of
     * zeros: it expands to far more than the raster's {@code side x (side + 1)} bytes.
     */
    public static byte[] pngZlibBomb(int side, int mib) {
        Deflater deflater = new Deflater(9);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[64 << 10];
        for (int i = 0; i < mib; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                z.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            z.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return png(side, side, 8, 0, pngChunk("IDAT", z.toByteArray()));
    }

    // --- JPEG ---

    /**
     * A 16x16 JPEG (the JDK's, baseline) turned progressive (SOF0 patched to SOF2) with {@code
     * extra} further one-component DC scans of one byte each before its EOI: {@code extra + 1}
     * scans in about 14 bytes a scan.
     */
    public static byte[] jpegScans(int extra) {
        byte[] jpeg = ContractImages.jpeg(16, 16);
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 1] = (byte) 0xC2; // the first SOF: now progressive
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, jpeg.length - 2); // all but the EOI
        byte[] scan = {
            (byte) 0xFF,
            (byte) 0xDA,
            0,
            8,
            1,
            1,
            0,
            0,
            0,
            0, // SOS: 1 component, DC, Ss=Se=0
            0x00 // one byte of entropy-coded data
        };
        for (int i = 0; i < extra; i++) {
            out.writeBytes(scan);
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    // --- GIF ---

    /** LZW data of one palette-index-0 pixel at code size 2: clear (4), 0, end (5); 3 bits each. */
    private static final byte[] ONE_PIXEL_LZW = {2, 0x44, 0x01, 0};

    /**
     * A GIF89a with a {@code screenW} x {@code screenH} logical screen, a 2-colour global palette
     * and {@code frames} image descriptors of {@code w} x {@code h}, each followed by {@code lzw}
     * (code size byte excluded: sub-blocks and terminator).
     */
    public static byte[] gif(int screenW, int screenH, int frames, int w, int h, byte[] lzw) {
        ByteBuffer b =
                ByteBuffer.allocate(13 + 6 + frames * (11 + lzw.length) + 1)
                        .order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) screenW).putShort((short) screenH);
        b.put((byte) 0x80).put((byte) 0).put((byte) 0); // global table of 2 colours
        b.put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        for (int i = 0; i < frames; i++) {
            b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0);
            b.putShort((short) w).putShort((short) h).put((byte) 0); // no local table
            b.put((byte) 2).put(lzw); // LZW minimum code size, then the data
        }
        b.put((byte) 0x3B);
        return b.array();
    }

    /** A GIF of {@code frames} frames of one pixel each (15 bytes a frame). */
    public static byte[] gifFrames(int frames) {
        return gif(1, 1, frames, 1, 1, ONE_PIXEL_LZW);
    }

    /**
     * A GIF of 120 frames of 600x600 (43.2 Mpx together, over 40 Mpx; each alone is 0.36 Mpx), each
     * with 40 bytes of LZW data, enough to cover it: 6.5 KB.
     */
    public static byte[] gifFramesSummingPastThePixelLimit() {
        byte[] lzw = new byte[42];
        lzw[0] = 40; // one sub-block of 40 bytes, then the terminator
        return gif(600, 600, 120, 600, 600, lzw);
    }

    /** A GIF whose logical screen is 65535x65535 (4.3 Gpx) around one pixel. */
    public static byte[] gifHugeCanvas() {
        return gif(65_535, 65_535, 1, 1, 1, ONE_PIXEL_LZW);
    }

    /** A GIF of one 60000x60000 frame (3.6 Gpx) holding one pixel's LZW data. */
    public static byte[] gifHuge() {
        return gif(60_000, 60_000, 1, 60_000, 60_000, ONE_PIXEL_LZW);
    }

    /**
     * A GIF of one 6000x6000 frame (36 Mpx, under the limit) holding 3 bytes of LZW data, which
     * cannot expand to more than about 33 thousand pixels.
     */
    public static byte[] gifRasterTheDataCannotFill() {
        return gif(6000, 6000, 1, 6000, 6000, ONE_PIXEL_LZW);
    }

    // --- TIFF ---

    /** One little-endian IFD entry: tag, type (3 SHORT, 4 LONG), count, value or offset. */
    public record Entry(int tag, int type, long count, long value) {}

    /**
     * A little-endian TIFF: header, one IFD at byte 8 with these entries (sorted by tag), then
     * {@code data} (at the offset {@link #tiffDataOffset} gives for that many entries).
     */
    public static byte[] tiff(byte[] data, Entry... entries) {
        ByteBuffer b =
                ByteBuffer.allocate(8 + 2 + 12 * entries.length + 4 + data.length)
                        .order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries.length);
        for (Entry e : entries) {
            b.putShort((short) e.tag()).putShort((short) e.type()).putInt((int) e.count());
            if (e.type() == 3 && e.count() == 1) {
                b.putShort((short) e.value()).putShort((short) 0);
            } else {
                b.putInt((int) e.value());
            }
        }
        b.putInt(0); // no next IFD
        b.put(data);
        return b.array();
    }

    /** Where {@link #tiff} puts the data after an IFD of {@code entries} entries. */
    public static int tiffDataOffset(int entries) {
        return 8 + 2 + 12 * entries + 4;
    }

    /**
     * A gray, uncompressed, one-strip TIFF declaring {@code w} x {@code h} pixels of {@code bits}
     * bits, a strip of {@code stripBytes} bytes, over 256 bytes of data.
     */
    public static byte[] tiffStrip(int w, int h, int bits, long stripBytes) {
        return tiff(
                new byte[256],
                new Entry(256, 4, 1, w), // ImageWidth
                new Entry(257, 4, 1, h), // ImageLength
                new Entry(258, 3, 1, bits), // BitsPerSample
                new Entry(259, 3, 1, 1), // Compression: none
                new Entry(262, 3, 1, 1), // Photometric: BlackIsZero
                new Entry(273, 4, 1, tiffDataOffset(9)), // StripOffsets
                new Entry(277, 3, 1, 1), // SamplesPerPixel
                new Entry(278, 4, 1, h), // RowsPerStrip: one strip
                new Entry(279, 4, 1, stripBytes)); // StripByteCounts
    }

    /** A 60000x60000 gray TIFF (3.6 Gpx) with one 256-byte strip. */
    public static byte[] tiffHuge() {
        return tiffStrip(60_000, 60_000, 8, 256);
    }

    /** A 16x16 TIFF declaring 32-bit samples (a lookup table of 2^32 entries per band). */
    public static byte[] tiffWideSamples() {
        return tiffStrip(16, 16, 32, 256);
    }

    /** A 16x16 TIFF whose one strip declares 2 GB of compressed bytes, in a 370-byte file. */
    public static byte[] tiffStripPastTheEnd() {
        return tiffStrip(16, 16, 8, Integer.MAX_VALUE);
    }

    /**
     * A 16x16 gray TIFF in one tile that declares 60000x60000 pixels (3.6 GB for the tile buffer
     * the reader decodes it into), over 256 bytes of data.
     */
    public static byte[] tiffHugeTile() {
        return tiff(
                new byte[256],
                new Entry(256, 4, 1, 16), // ImageWidth
                new Entry(257, 4, 1, 16), // ImageLength
                new Entry(258, 3, 1, 8), // BitsPerSample
                new Entry(259, 3, 1, 1), // Compression: none
                new Entry(262, 3, 1, 1), // Photometric: BlackIsZero
                new Entry(277, 3, 1, 1), // SamplesPerPixel
                new Entry(322, 4, 1, 60_000), // TileWidth (a multiple of 16)
                new Entry(323, 4, 1, 60_000), // TileLength
                new Entry(324, 4, 1, tiffDataOffset(10)), // TileOffsets
                new Entry(325, 4, 1, 256)); // TileByteCounts
    }

    // --- BMP ---

    /**
     * An 8-bit BMP (BITMAPINFOHEADER) of {@code w} x {@code h}, with {@code compression}, {@code
     * colours} in the header's colour count, pixels declared at {@code pixelOffset}, a 2-colour
     * palette and {@code pixels} after it.
     */
    public static byte[] bmp(
            int w, int h, int compression, long colours, long pixelOffset, byte[] pixels) {
        ByteBuffer b =
                ByteBuffer.allocate(14 + 40 + 8 + pixels.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(b.capacity()).putInt(0).putInt((int) pixelOffset);
        b.putInt(40).putInt(w).putInt(h).putShort((short) 1).putShort((short) 8);
        b.putInt(compression).putInt(pixels.length).putInt(2835).putInt(2835);
        b.putInt((int) colours).putInt(0);
        b.putInt(0).putInt(0x00FFFFFF); // black, white
        b.put(pixels);
        return b.array();
    }

    /** A 60000x60000 8-bit RLE8 BMP (3.6 Gpx) whose pixel data is "end of bitmap": 64 bytes. */
    public static byte[] bmpHuge() {
        return bmp(60_000, 60_000, 1, 2, 62, new byte[] {0, 1});
    }

    /** A 1x1 8-bit BMP declaring a palette of 2^30 colours (BMP allows 256). */
    public static byte[] bmpHugePalette() {
        return bmp(1, 1, 0, 1 << 30, 62, new byte[4]);
    }

    /**
     * A 1x1 8-bit BMP declaring its pixels at byte 2^31 - 1: the JDK's reader allocates everything
     * between the header and the pixels as the palette (2 GB).
     */
    public static byte[] bmpPixelsPastTheEnd() {
        return bmp(1, 1, 0, 2, Integer.MAX_VALUE, new byte[4]);
    }
}
