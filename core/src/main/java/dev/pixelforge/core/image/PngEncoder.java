package dev.pixelforge.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * PNG out, written here rather than by ImageIO: the JDK's writer filters no rows of a non-palette
 * image and deflates at a low level, so its files come out 25-50% larger than Pillow's. This one
 * picks, per row, whichever of the Sub, Up and Paeth filters leaves the smallest residuals (the
 * "minimum sum of absolute differences" heuristic of libpng and Pillow) and deflates at zlib's
 * default level 6, as Pillow does.
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    static final int LEVEL = 6;

    private PngEncoder() {}

    static byte[] encode(Pixels p) {
        return encode(p, Long.MAX_VALUE);
    }

    /**
     * The PNG, or {@link ImageLimits#answerTooLarge} as soon as its compressed rows pass {@code
     * maxBytes}.
     */
    static byte[] encode(Pixels p, long maxBytes) {
        Channels c = p.channels();
        int bpp = c.count();
        int w = p.width();
        int h = p.height();
        int stride = w * bpp;
        byte[] rgbRow = new byte[stride];
        byte[] previous = new byte[stride];
        byte[][] candidates = {new byte[stride], new byte[stride], new byte[stride]};
        Deflater deflater = new Deflater(LEVEL);
        deflater.setStrategy(
                Deflater.FILTERED); // what libpng uses for filtered rows: fewer, better matches
        ByteArrayOutputStream idat = new ByteArrayOutputStream(Math.max(1024, w * h * bpp / 3));
        byte[] buffer = new byte[64 * 1024];
        byte[] filterByte = new byte[1];
        try {
            for (int y = 0; y < h; y++) {
                toPngOrder(p.data(), y * stride, rgbRow, w, c);
                int best = filterRow(rgbRow, previous, candidates, bpp, stride);
                filterByte[0] = (byte) FILTER_TYPES[best];
                feed(deflater, filterByte, 1, idat, buffer);
                feed(deflater, candidates[best], stride, idat, buffer);
                if (idat.size() > maxBytes) {
                    throw ImageLimits.answerTooLarge(
                            ImageFormat.PNG, "more than " + idat.size(), maxBytes);
                }
                byte[] t = previous;
                previous = rgbRow;
                rgbRow = t;
            }
            deflater.finish();
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                idat.write(buffer, 0, n);
            }
        } finally {
            deflater.end();
        }
        if (idat.size() + 57L > maxBytes) { // signature, IHDR, IDAT's and IEND's chunk headers
            throw ImageLimits.answerTooLarge(ImageFormat.PNG, "" + (idat.size() + 57L), maxBytes);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(idat.size() + 64);
        png.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8; // bit depth
        ihdr[9] = (byte) colourType(c);
        chunk(png, "IHDR", ihdr);
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** Sub = 1, Up = 2, Paeth = 4, in the order of the candidate buffers. */
    private static final int[] FILTER_TYPES = {1, 2, 4};

    /**
     * Fills the candidates and returns the index of the one with the smallest sum of |residual|.
     */
    private static int filterRow(byte[] row, byte[] up, byte[][] out, int bpp, int stride) {
        byte[] sub = out[0];
        byte[] upF = out[1];
        byte[] paeth = out[2];
        long sumSub = 0;
        long sumUp = 0;
        long sumPaeth = 0;
        for (int i = 0; i < stride; i++) {
            int x = row[i] & 0xFF;
            int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
            int b = up[i] & 0xFF;
            int cc = i >= bpp ? up[i - bpp] & 0xFF : 0;
            byte s = (byte) (x - a);
            byte u = (byte) (x - b);
            byte pa = (byte) (x - paethPredictor(a, b, cc));
            sub[i] = s;
            upF[i] = u;
            paeth[i] = pa;
            sumSub += Math.abs((int) s);
            sumUp += Math.abs((int) u);
            sumPaeth += Math.abs((int) pa);
        }
        if (sumSub <= sumUp && sumSub <= sumPaeth) {
            return 0;
        }
        return sumUp <= sumPaeth ? 1 : 2;
    }

    private static int paethPredictor(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    /** Our byte orders (BGR, ABGR) to PNG's (RGB, RGBA); gray layouts are already in order. */
    private static void toPngOrder(byte[] src, int offset, byte[] dst, int w, Channels c) {
        switch (c) {
            case GRAY, GRAY_ALPHA -> System.arraycopy(src, offset, dst, 0, w * c.count());
            case BGR -> {
                for (int x = 0, s = offset, d = 0; x < w; x++, s += 3, d += 3) {
                    dst[d] = src[s + 2];
                    dst[d + 1] = src[s + 1];
                    dst[d + 2] = src[s];
                }
            }
            case ABGR -> {
                for (int x = 0, s = offset, d = 0; x < w; x++, s += 4, d += 4) {
                    dst[d] = src[s + 3];
                    dst[d + 1] = src[s + 2];
                    dst[d + 2] = src[s + 1];
                    dst[d + 3] = src[s];
                }
            }
        }
    }

    private static int colourType(Channels c) {
        return switch (c) {
            case GRAY -> 0;
            case BGR -> 2;
            case GRAY_ALPHA -> 4;
            case ABGR -> 6;
        };
    }

    private static void feed(
            Deflater deflater, byte[] data, int length, ByteArrayOutputStream out, byte[] buffer) {
        deflater.setInput(data, 0, length);
        while (!deflater.needsInput()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        out.writeBytes(length);
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(sum);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
