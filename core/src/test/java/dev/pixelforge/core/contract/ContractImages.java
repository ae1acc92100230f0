package dev.pixelforge.core.contract;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Small deterministic inputs for the contract cases, made in memory so no fixture can drift. */
public final class ContractImages {

    private ContractImages() {}

    /** A colour gradient with a gradient alpha when {@code alpha}: every channel varies. */
    public static BufferedImage pattern(int w, int h, boolean alpha) {
        BufferedImage img =
                new BufferedImage(
                        w, h, alpha ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR);
        byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int step = alpha ? 4 : 3;
        for (int y = 0, p = 0; y < h; y++) {
            for (int x = 0; x < w; x++, p += step) {
                int o = 0;
                if (alpha) {
                    d[p] = (byte) (255 - (x * 255 / Math.max(1, w - 1)));
                    o = 1;
                }
                d[p + o] = (byte) (x * 13 + y * 7); // B
                d[p + o + 1] = (byte) (y * 255 / Math.max(1, h - 1)); // G
                d[p + o + 2] = (byte) (x * 255 / Math.max(1, w - 1)); // R
            }
        }
        return img;
    }

    public static byte[] png(int w, int h, boolean alpha) {
        return write(pattern(w, h, alpha), "png");
    }

    public static byte[] jpeg(int w, int h) {
        return write(pattern(w, h, false), "jpeg");
    }

    public static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new AssertionError(
                        "not a readable image: "
                                + bytes.length
                                + " bytes starting "
                                + Arrays.toString(Arrays.copyOf(bytes, Math.min(8, bytes.length))));
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many images (frames, pages) ImageIO finds in {@code bytes}. */
    public static int frameCount(byte[] bytes) {
        try (ImageInputStream in =
                ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            reader.dispose();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A valid 60-odd byte PNG that declares {@code w} x {@code h} pixels and holds none of them.
     */
    public static byte[] pngDeclaring(int w, int h) {
        ByteBuffer ihdr =
                ByteBuffer.allocate(13)
                        .putInt(w)
                        .putInt(h)
                        .put((byte) 8)
                        .put((byte) 2)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /**
     * A small TIFF (the JDK's writer) whose directory declares {@code w} x {@code h} pixels: its
     * strip holds 16x16.
     */
    public static byte[] tiffDeclaring(int w, int h) {
        byte[] tiff = write(pattern(16, 16, false), "tiff");
        ByteBuffer b =
                ByteBuffer.wrap(tiff)
                        .order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = b.getInt(4);
        for (int i = 0, entries = b.getShort(ifd) & 0xFFFF; i < entries; i++) {
            int e = ifd + 2 + 12 * i;
            int tag = b.getShort(e) & 0xFFFF;
            if (tag == 256 || tag == 257) { // ImageWidth, ImageLength
                int value = tag == 256 ? w : h;
                if (b.getShort(e + 2) == 3) {
                    b.putShort(e + 8, (short) value);
                } else {
                    b.putInt(e + 8, value);
                }
            }
        }
        return tiff;
    }

    /**
     * An extended WebP (a VP8X chunk, whose 24-bit canvas size is how a WebP declares more than
     * 16383 pixels a side) declaring {@code w} x {@code h}, over the corpus's 64x48 lossless
     * bitstream.
     */
    public static byte[] webpDeclaring(int w, int h) {
        byte[] small =
                WildFiles.bytes("lossless.webp"); // RIFF, size, WEBP, then its one VP8L chunk
        byte[] vp8l = Arrays.copyOfRange(small, 12, small.length);
        ByteBuffer b = ByteBuffer.allocate(12 + 18 + vp8l.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(4 + 18 + vp8l.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0);
        b.put((byte) (w - 1)).put((byte) ((w - 1) >> 8)).put((byte) ((w - 1) >> 16));
        b.put((byte) (h - 1)).put((byte) ((h - 1) >> 8)).put((byte) ((h - 1) >> 16));
        b.put(vp8l);
        return b.array();
    }

    /**
     * The leading bytes of a HEIC file (an ISO-BMFF 'ftyp' box): recognisable, and not a format
     * PixelForge reads.
     */
    public static byte[] heif() {
        byte[] b = new byte[64];
        b[3] = 24;
        System.arraycopy(
                "ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.US_ASCII), 0, b, 4, 20);
        return b;
    }

    /** The leading bytes of a WebP file and nothing behind them: a WebP that cannot be decoded. */
    public static byte[] webp() {
        byte[] b = new byte[64];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
        return b;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
