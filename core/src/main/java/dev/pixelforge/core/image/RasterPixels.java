package dev.pixelforge.core.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * Converts what ImageIO decodes into {@link Pixels}. The common 8-bit layouts are taken over
 * without a copy; palette, 16-bit, packed and low-bit images are converted a row at a time through
 * lookup tables, never through per-pixel {@code getRGB}.
 */
final class RasterPixels {

    private static final int[] GRAY_OFFSETS = {0};
    private static final int[] GRAY_ALPHA_OFFSETS = {0, 1};
    private static final int[] BGR_OFFSETS = {2, 1, 0};
    private static final int[] ABGR_OFFSETS = {3, 2, 1, 0};

    private RasterPixels() {}

    static Pixels from(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        int type = cm.getColorSpace().getType();
        if (type == ColorSpace.TYPE_CMYK
                && !(cm instanceof IndexColorModel)
                && image.getRaster().getNumBands() == 4) {
            return cmykToRgb(image.getRaster());
        }
        if (!(cm instanceof IndexColorModel)
                && type != ColorSpace.TYPE_RGB
                && type != ColorSpace.TYPE_GRAY) {
            throw new ImageRejected(
                    ImageRejected.Reason.UNSUPPORTED_FORMAT,
                    "the image's colour space is not RGB, gray or CMYK: convert it to RGB first");
        }
        Pixels direct = wrapInterleavedBytes(image);
        return direct != null ? direct : convertRows(image);
    }

    /** The zero-copy path: 8-bit interleaved component images already in one of our byte orders. */
    private static Pixels wrapInterleavedBytes(BufferedImage image) {
        Raster raster = image.getRaster();
        SampleModel sm = raster.getSampleModel();
        if (!(image.getColorModel() instanceof ComponentColorModel cm)
                || !(sm instanceof PixelInterleavedSampleModel pism)
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || buffer.getNumBanks() != 1
                || buffer.getOffset() != 0
                || raster.getMinX() != 0
                || raster.getMinY() != 0
                || raster.getParent() != null) {
            return null;
        }
        int bands = sm.getNumBands();
        for (int b = 0; b < bands; b++) {
            if (sm.getSampleSize(b) != 8) {
                return null;
            }
        }
        boolean gray = cm.getNumColorComponents() == 1;
        Channels channels = Channels.of(gray, cm.hasAlpha());
        int w = image.getWidth();
        int h = image.getHeight();
        if (channels.count() != bands
                || pism.getPixelStride() != bands
                || pism.getScanlineStride() != w * bands) {
            return null;
        }
        byte[] data = buffer.getData();
        if (data.length != (long) w * h * bands) {
            return null;
        }
        int[] offsets = pism.getBandOffsets();
        if (Arrays.equals(offsets, ourOffsets(channels))) {
            return new Pixels(w, h, channels, data);
        }
        return reorder(w, h, channels, data, offsets);
    }

    /** Band offsets of our layout, in the colour model's band order (R, G, B, A or gray, A). */
    private static int[] ourOffsets(Channels channels) {
        return switch (channels) {
            case GRAY -> GRAY_OFFSETS;
            case GRAY_ALPHA -> GRAY_ALPHA_OFFSETS;
            case BGR -> BGR_OFFSETS;
            case ABGR -> ABGR_OFFSETS;
        };
    }

    private static Pixels reorder(int w, int h, Channels channels, byte[] src, int[] srcOffsets) {
        Pixels out = Pixels.blank(w, h, channels);
        byte[] dst = out.data();
        int[] dstOffsets = ourOffsets(channels);
        int step = channels.count();
        for (int p = 0; p < dst.length; p += step) {
            for (int b = 0; b < step; b++) {
                dst[p + dstOffsets[b]] = src[p + srcOffsets[b]];
            }
        }
        return out;
    }

    /** Everything else: read each row's samples, map them through per-band (or palette) tables. */
    private static Pixels convertRows(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int bands = raster.getNumBands();
        int[] row = new int[w * bands];
        if (cm instanceof IndexColorModel icm) {
            return convertIndexed(raster, icm, w, h, row);
        }
        boolean gray = cm.getNumColorComponents() == 1;
        Channels channels = Channels.of(gray, cm.hasAlpha());
        int[] ours = ourOffsets(channels);
        int[][] toByte = new int[bands][];
        for (int b = 0; b < bands; b++) {
            toByte[b] = scaleTo8Bits(raster.getSampleModel().getSampleSize(b));
        }
        Pixels out = Pixels.blank(w, h, channels);
        byte[] dst = out.data();
        int step = channels.count();
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            int base = y * w * step;
            for (int x = 0, s = 0; x < w; x++, s += bands) {
                int p = base + x * step;
                for (int b = 0; b < step; b++) {
                    dst[p + ours[b]] = (byte) toByte[b][row[s + b]];
                }
            }
        }
        return out;
    }

    private static Pixels convertIndexed(
            Raster raster, IndexColorModel icm, int w, int h, int[] row) {
        int size = icm.getMapSize();
        byte[] r = new byte[size], g = new byte[size], b = new byte[size], a = new byte[size];
        icm.getReds(r);
        icm.getGreens(g);
        icm.getBlues(b);
        icm.getAlphas(a);
        boolean alpha = icm.hasAlpha();
        boolean gray = isGrayPalette(r, g, b);
        Channels channels = Channels.of(gray, alpha);
        Pixels out = Pixels.blank(w, h, channels);
        byte[] dst = out.data();
        int step = channels.count();
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0, p = y * w * step; x < w; x++, p += step) {
                int i = Math.min(row[x], size - 1); // out-of-range indices happen in broken GIFs
                switch (channels) {
                    case GRAY -> dst[p] = r[i];
                    case GRAY_ALPHA -> {
                        dst[p] = r[i];
                        dst[p + 1] = a[i];
                    }
                    case BGR -> {
                        dst[p] = b[i];
                        dst[p + 1] = g[i];
                        dst[p + 2] = r[i];
                    }
                    case ABGR -> {
                        dst[p] = a[i];
                        dst[p + 1] = b[i];
                        dst[p + 2] = g[i];
                        dst[p + 3] = r[i];
                    }
                }
            }
        }
        return out;
    }

    /**
     * CMYK to RGB as Pillow converts it ({@code cmyk2rgb} in libImaging/Convert.c), with no colour
     * profile: R = (255 - K) - C x (255 - K) / 255, rounded as Pillow's MULDIV255 rounds, and so
     * on. The samples are those Pillow sees: the JDK's JPEG reader undoes Adobe's inversion and
     * YCCK as libjpeg does for Pillow. A print profile would give other colours; Pillow's are the
     * reference.
     */
    private static Pixels cmykToRgb(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] max = new int[4];
        for (int b = 0; b < 4; b++) {
            max[b] = (1 << raster.getSampleModel().getSampleSize(b)) - 1;
        }
        boolean eightBit = max[0] == 255 && max[1] == 255 && max[2] == 255 && max[3] == 255;
        Pixels out = Pixels.blank(w, h, Channels.BGR);
        byte[] dst = out.data();
        if (eightBit
                && raster.getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm
                && sm.getPixelStride() == 4
                && sm.getScanlineStride() == w * 4
                && Arrays.equals(sm.getBandOffsets(), new int[] {0, 1, 2, 3})
                && raster.getParent() == null
                && buffer.getOffset() == 0
                && buffer.getData().length == w * h * 4) {
            byte[] src =
                    buffer.getData(); // what the JDK's JPEG and TIFF readers give: read in place
            for (int s = 0, d = 0; s < src.length; s += 4, d += 3) {
                int nk = 255 - (src[s + 3] & 0xFF);
                dst[d] = (byte) (nk - muldiv255(src[s + 2] & 0xFF, nk));
                dst[d + 1] = (byte) (nk - muldiv255(src[s + 1] & 0xFF, nk));
                dst[d + 2] = (byte) (nk - muldiv255(src[s] & 0xFF, nk));
            }
            return out;
        }
        int[] row = new int[w * 4];
        for (int y = 0, d = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            if (!eightBit) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (int) ((row[i] * 255L + max[i & 3] / 2) / max[i & 3]);
                }
            }
            for (int s = 0; s < row.length; s += 4, d += 3) {
                int nk = 255 - row[s + 3];
                dst[d] = (byte) (nk - muldiv255(row[s + 2], nk));
                dst[d + 1] = (byte) (nk - muldiv255(row[s + 1], nk));
                dst[d + 2] = (byte) (nk - muldiv255(row[s], nk));
            }
        }
        return out;
    }

    private static int muldiv255(int a, int b) {
        int t = a * b + 128;
        return ((t >> 8) + t) >> 8;
    }

    /**
     * A palette image's indices, one byte each, rows top to bottom (1-, 2-, 4- and 8-bit rasters
     * alike).
     */
    static byte[] indices(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] out = new byte[Math.multiplyExact(w, h)];
        int[] row = new int[w];
        for (int y = 0, d = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                out[d++] = (byte) row[x];
            }
        }
        return out;
    }

    /**
     * A colour table as a {@code size x 1} image, gray when every entry is, with alpha when one is
     * transparent.
     */
    static Pixels palette(IndexColorModel icm) {
        int size = icm.getMapSize();
        WritableRaster entries = icm.createCompatibleWritableRaster(size, 1);
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        entries.setSamples(0, 0, size, 1, 0, all);
        return convertIndexed(entries, icm, size, 1, new int[size]);
    }

    private static boolean isGrayPalette(byte[] r, byte[] g, byte[] b) {
        return Arrays.equals(r, g) && Arrays.equals(g, b);
    }

    /**
     * Maps a {@code bits}-bit sample to 8 bits with rounding: 16-bit 65535 -> 255, 1-bit 1 -> 255.
     */
    private static int[] scaleTo8Bits(int bits) {
        if (bits > ImageLimits.MAX_SAMPLE_BITS) { // the table has 2^bits entries
            throw new ImageRejected(
                    ImageRejected.Reason.UNSUPPORTED_FORMAT,
                    "the image has samples of "
                            + bits
                            + " bits; at most "
                            + ImageLimits.MAX_SAMPLE_BITS
                            + " are read (limit maxSampleBits): save it with 8 or 16 bits a"
                            + " sample");
        }
        int max = (1 << bits) - 1;
        int[] table = new int[max + 1];
        for (int v = 0; v <= max; v++) {
            table[v] = (int) ((v * 255L + max / 2) / max);
        }
        return table;
    }
}
