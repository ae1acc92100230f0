package dev.pixelforge.core.image;

import java.io.ByteArrayOutputStream;

/**
 * What PixelForge reads from an image's headers before decoding it: the EXIF orientation (JPEG
 * APP1, PNG eXIf), and for JPEG the coding process and the ICC profile's segments. Only marker and
 * chunk headers are read; pixel data is skipped by its declared length.
 *
 * @param orientation how to turn the decoded pixels upright
 * @param decodable the bytes to hand the decoder: the input itself, or for a JPEG or WebP with an
 *     ICC profile the input without it, so that the reader (the JDK's for JPEG, TwelveMonkeys' for
 *     WebP) returns the encoded values, as Pillow does, instead of converting them through the
 *     profile
 */
record ImageHeader(Orientation orientation, byte[] decodable) {

    private static final int EXIF_ORIENTATION_TAG = 0x0112;

    static ImageHeader scan(ImageFormat format, byte[] bytes) {
        return switch (format) {
            case JPEG -> scanJpeg(bytes);
            case PNG -> new ImageHeader(pngOrientation(bytes), bytes);
            case WEBP -> new ImageHeader(Orientation.NORMAL, webpWithoutIcc(bytes));
            case BMP -> {
                refuseWideBitfields(bytes);
                yield new ImageHeader(Orientation.NORMAL, bytes);
            }
            default -> new ImageHeader(Orientation.NORMAL, bytes);
        };
    }

    /** BI_BITFIELDS and BI_ALPHABITFIELDS: pixels laid out by channel masks in the header. */
    private static final int BMP_BITFIELDS = 3;

    private static final int BMP_ALPHABITFIELDS = 6;

    /**
     * A BMP whose bit-field masks are wider than 8 bits per channel is refused before decoding: the
     * JDK's reader builds a lookup table of {@code 1 << bits} entries per channel, so a 70-byte
     * file with 30-bit masks asked for gigabytes (an OutOfMemoryError), and 26 bits took most of a
     * second of CPU for one pixel. Pillow reads only a fixed list of layouts, none wider than 8.
     */
    private static void refuseWideBitfields(byte[] b) {
        if (b.length < 54 || u32(b, 14, true) < 40) {
            return; // no BITMAPINFOHEADER: an OS/2 header has no masks
        }
        long compression = u32(b, 30, true);
        if (compression != BMP_BITFIELDS && compression != BMP_ALPHABITFIELDS) {
            return;
        }
        int masks = compression == BMP_ALPHABITFIELDS || u32(b, 14, true) >= 56 ? 4 : 3;
        for (int i = 0; i < masks && 54 + 4 * i + 4 <= b.length; i++) {
            int bits = Long.bitCount(u32(b, 54 + 4 * i, true));
            if (bits > ImageLimits.MAX_BMP_MASK_BITS) {
                throw new ImageRejected(
                        ImageRejected.Reason.UNSUPPORTED_FORMAT,
                        "this BMP lays out its pixels with "
                                + bits
                                + "-bit channel masks; at most "
                                + ImageLimits.MAX_BMP_MASK_BITS
                                + " bits per channel are read (limit maxBmpMaskBits): save it as"
                                + " PNG (or a standard 24- or 32-bit BMP)");
            }
        }
    }

    private static ImageHeader scanJpeg(byte[] b) {
        Orientation orientation = Orientation.NORMAL;
        ByteArrayOutputStream withoutIcc = null;
        int copiedUpTo = 0;
        int p = 2;
        while (p + 4 <= b.length) {
            if ((b[p] & 0xFF) != 0xFF) {
                break; // not a marker where one should be: let the decoder say what is wrong
            }
            int marker = b[p + 1] & 0xFF;
            if (marker == 0xFF) {
                p++; // fill byte
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                p += 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break; // start of scan: the headers are over
            }
            int length = u16be(b, p + 2);
            int body = p + 4;
            int end = p + 2 + length;
            if (length < 2 || end > b.length) {
                break;
            }
            refuseUnsupportedCoding(marker);
            if (marker == 0xE1 && matches(b, body, end, "Exif\0\0")) {
                orientation = exifOrientation(b, body + 6, end);
            } else if (marker == 0xE2 && matches(b, body, end, "ICC_PROFILE\0")) {
                if (withoutIcc == null) {
                    withoutIcc = new ByteArrayOutputStream(b.length);
                }
                withoutIcc.write(b, copiedUpTo, p - copiedUpTo);
                copiedUpTo = end;
            }
            p = end;
        }
        if (withoutIcc == null) {
            return new ImageHeader(orientation, b);
        }
        withoutIcc.write(b, copiedUpTo, b.length - copiedUpTo);
        return new ImageHeader(orientation, withoutIcc.toByteArray());
    }

    /**
     * SOF markers other than baseline, extended and progressive Huffman (C0, C1, C2): lossless,
     * hierarchical and arithmetic-coded JPEG. The libjpeg 6b that upstream JDK builds bundle reads
     * none of them; Debian's OpenJDK, linked to libjpeg-turbo, reads arithmetic coding. Refused on
     * every JDK, so that every target answers the same file the same way.
     */
    private static void refuseUnsupportedCoding(int marker) {
        boolean arithmetic = marker >= 0xC9 && marker <= 0xCF; // SOF9-11, DAC (CC), SOF13-15
        boolean otherSof = marker == 0xC3 || (marker >= 0xC5 && marker <= 0xC7);
        if (arithmetic) {
            throw new ImageRejected(
                    ImageRejected.Reason.UNSUPPORTED_FORMAT,
                    String.format(
                            "this JPEG is arithmetic-coded (marker FF%02X), which PixelForge's"
                                + " decoder does not read: re-save it Huffman-coded, losslessly,"
                                + " with `jpegtran -copy all in.jpg > out.jpg`",
                            marker));
        }
        if (otherSof) {
            throw new ImageRejected(
                    ImageRejected.Reason.UNSUPPORTED_FORMAT,
                    String.format(
                            "this JPEG uses a %s coding process (SOF%d), which PixelForge's decoder"
                                + " does not read: save it as a baseline or progressive JPEG, or as"
                                + " PNG",
                            marker == 0xC3 ? "lossless" : "hierarchical", marker - 0xC0));
        }
    }

    /**
     * The WebP without its ICCP chunk, and with VP8X's ICC flag cleared; the input itself when it
     * has none, or when its chunks do not add up (the decoder then says what is wrong).
     */
    private static byte[] webpWithoutIcc(byte[] b) {
        int p = 12;
        int iccp = -1;
        int iccpEnd = -1;
        while (p + 8 <= b.length) {
            long size =
                    (b[p + 4] & 0xFFL)
                            | (b[p + 5] & 0xFFL) << 8
                            | (b[p + 6] & 0xFFL) << 16
                            | (b[p + 7] & 0xFFL) << 24;
            long end = p + 8 + size + (size & 1); // chunks are padded to an even length
            if (end > b.length) {
                return b;
            }
            if (matches(b, p, p + 4, "ICCP")) {
                iccp = p;
                iccpEnd = (int) end;
            }
            p = (int) end;
        }
        if (iccp < 0) {
            return b;
        }
        byte[] out = new byte[b.length - (iccpEnd - iccp)];
        System.arraycopy(b, 0, out, 0, iccp);
        System.arraycopy(b, iccpEnd, out, iccp, b.length - iccpEnd);
        int riff = out.length - 8;
        out[4] = (byte) riff;
        out[5] = (byte) (riff >> 8);
        out[6] = (byte) (riff >> 16);
        out[7] = (byte) (riff >> 24);
        if (matches(out, 12, 16, "VP8X")) {
            out[20] &= ~0x20; // the ICC profile flag
        }
        return out;
    }

    /**
     * PNG's eXIf chunk (PNG 1.5 extensions): a TIFF-structured EXIF block, like JPEG's APP1 after
     * "Exif\0\0".
     */
    private static Orientation pngOrientation(byte[] b) {
        int p = 8;
        while (p + 12 <= b.length) {
            long length = u32be(b, p);
            if (length > b.length - p - 12L) {
                break;
            }
            int body = p + 8;
            int end = body + (int) length;
            if (matches(b, p + 4, p + 8, "eXIf")) {
                // A few writers keep JPEG's "Exif\0\0" prefix in the chunk: accept both.
                return exifOrientation(b, matches(b, body, end, "Exif\0\0") ? body + 6 : body, end);
            }
            if (matches(b, p + 4, p + 8, "IEND")) {
                break;
            }
            p = end + 4;
        }
        return Orientation.NORMAL;
    }

    /**
     * Tag 0x0112 of IFD0 in the TIFF structure at [start, end); anything malformed reads as NORMAL.
     */
    static Orientation exifOrientation(byte[] b, int start, int end) {
        if (end - start < 8) {
            return Orientation.NORMAL;
        }
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return Orientation.NORMAL;
        }
        long ifd = u32(b, start + 4, little);
        if (ifd < 8 || ifd > end - start - 2L) {
            return Orientation.NORMAL;
        }
        int p = start + (int) ifd;
        int entries = u16(b, p, little);
        for (int i = 0, e = p + 2; i < entries && e + 12 <= end; i++, e += 12) {
            if (u16(b, e, little) == EXIF_ORIENTATION_TAG) {
                int type = u16(b, e + 2, little);
                int value =
                        type == 3
                                ? u16(b, e + 8, little)
                                : type == 4 ? (int) u32(b, e + 8, little) : 0;
                return Orientation.ofExif(value);
            }
        }
        return Orientation.NORMAL;
    }

    private static boolean matches(byte[] b, int from, int end, String ascii) {
        if (end - from < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[from + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u16be(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    private static long u32be(byte[] b, int p) {
        return (long) u16be(b, p) << 16 | u16be(b, p + 2);
    }

    private static int u16(byte[] b, int p, boolean little) {
        return little ? (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 : u16be(b, p);
    }

    private static long u32(byte[] b, int p, boolean little) {
        return little
                ? (u16(b, p, true) & 0xFFFFL) | (long) u16(b, p + 2, true) << 16
                : u32be(b, p);
    }
}
