package dev.pixelforge.core.image;

/**
 * What a file declares about its own structure, checked against {@link ImageLimits} and against the
 * file's length before any decoder sees it: a decoder allocates what the header declares (the
 * raster, a TIFF tile, a palette, a field's values, a lookup table per sample width, a frame per
 * GIF image descriptor), so a small file declaring a large one could ask for gigabytes. Only
 * headers are read (chunk, block and IFD entry headers), never pixel data: microseconds for a still
 * image, a walk over the block headers for an animated GIF.
 *
 * <p>JPEG and WebP have no part larger than their raster that their readers allocate from the
 * header; their raster is checked through the reader ({@link ImageDecoder}), which reads only the
 * header for it.
 */
final class DeclaredLayout {

    private DeclaredLayout() {}

    /**
     * Refuses the file if it declares more than the limits allow, or structure past its own end.
     *
     * @return the pixels it declares (all frames of a GIF), or -1 when this format's size is left
     *     to the reader, or the headers end too early to tell (the decoder then says what is wrong)
     */
    static long check(ImageFormat format, byte[] b, ImageLimits limits) {
        return switch (format) {
            case PNG -> png(b, limits);
            case GIF -> gif(b, limits);
            case TIFF -> tiff(b, limits);
            case BMP -> bmp(b, limits);
            case JPEG -> jpeg(b);
            case WEBP -> -1;
        };
    }

    // --- JPEG ---

    /**
     * Counts a progressive JPEG's scans: libjpeg makes a pass over every coefficient of the
     * components a scan covers, so thousands of tiny scans cost seconds of CPU for a small file
     * (libjpeg-turbo's scan limit). Sequential JPEGs have at most one scan per component. Returns
     * -1: the raster is left to the reader.
     */
    private static long jpeg(byte[] b) {
        boolean progressive = false;
        int scans = 0;
        int p = 2;
        while (p + 4 <= b.length) {
            if ((b[p] & 0xFF) != 0xFF) {
                return -1; // not a marker where one should be: the decoder says what is wrong
            }
            int marker = b[p + 1] & 0xFF;
            if (marker == 0xFF || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                p += marker == 0xFF ? 1 : 2;
                continue;
            }
            if (marker == 0xD9) {
                break;
            }
            int end = p + 2 + ((b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF));
            if (end > b.length) {
                return -1;
            }
            if (marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE) {
                progressive = true;
            }
            p = end;
            if (marker == 0xDA) {
                if (!progressive) {
                    return -1; // sequential: its scans are few, and need not be counted
                }
                if (++scans > ImageLimits.MAX_JPEG_SCANS) {
                    throw new ImageRejected(
                            ImageRejected.Reason.TOO_MANY_SCANS,
                            "this progressive JPEG has more than "
                                    + ImageLimits.MAX_JPEG_SCANS
                                    + " scans; at most "
                                    + ImageLimits.MAX_JPEG_SCANS
                                    + " are decoded (limit maxJpegScans): re-save it as a"
                                    + " baseline JPEG, or progressive with the encoder's default"
                                    + " scans");
                }
                // Entropy-coded data: FF 00 is a stuffed FF, FF D0-D7 a restart; any other
                // marker ends the scan.
                while (p + 1 < b.length
                        && !((b[p] & 0xFF) == 0xFF
                                && b[p + 1] != 0
                                && ((b[p + 1] & 0xFF) < 0xD0 || (b[p + 1] & 0xFF) > 0xD7))) {
                    p++;
                }
            }
        }
        return -1;
    }

    // --- PNG ---

    private static long png(byte[] b, ImageLimits limits) {
        if (b.length < 33 || !matches(b, 12, "IHDR")) {
            return -1;
        }
        long w = u32be(b, 16);
        long h = u32be(b, 20);
        int depth = b[24] & 0xFF;
        int colourType = b[25] & 0xFF;
        boolean interlaced = b[28] != 0;
        limits.checkPixels(w, h);
        checkSampleBits("PNG", depth);
        int channels =
                switch (colourType) {
                    case 2 -> 3;
                    case 4 -> 2;
                    case 6 -> 4;
                    default -> 1;
                };
        long idat = 0;
        boolean ended = false;
        for (int p = 8; p + 12 <= b.length; ) {
            long length = u32be(b, p);
            if (length > b.length - p - 12L) {
                break; // truncated: the decoder refuses it as such, before decoding
            }
            if (matches(b, p + 4, "PLTE") && length > 3L * ImageLimits.MAX_PALETTE_ENTRIES) {
                throw inconsistent(
                        "the PNG declares a palette of "
                                + length / 3
                                + " colours; PNG palettes hold at most "
                                + ImageLimits.MAX_PALETTE_ENTRIES
                                + " (limit maxPaletteEntries)");
            } else if (matches(b, p + 4, "IDAT")) {
                idat += length;
            } else if (matches(b, p + 4, "IEND")) {
                ended = true;
                break;
            }
            p += 12 + (int) length;
        }
        if (!ended) {
            return w * h;
        }
        long bitsPerPixel = (long) depth * channels;
        long pixelBytes = (w * h * bitsPerPixel + 7) / 8;
        // Deflate cannot expand past MAX_DEFLATE_RATIO: less data than this cannot fill the raster.
        if (pixelBytes > ImageLimits.MAX_DEFLATE_RATIO * idat + 1024) {
            throw inconsistent(
                    "the PNG declares "
                            + w
                            + "x"
                            + h
                            + " pixels ("
                            + pixelBytes
                            + " bytes) but holds "
                            + idat
                            + " bytes of compressed pixel data, which deflate cannot expand past"
                            + " "
                            + ImageLimits.MAX_DEFLATE_RATIO
                            + " times (limit maxDeflateRatio)");
        }
        // Filtered rows with their filter bytes (an interlaced image's passes add a few per row);
        // stored deflate blocks add 5 bytes in 65535. A stream far longer expands far past the
        // raster: it is not trusted.
        long raw = h * (1 + (w * bitsPerPixel + 7) / 8) + (interlaced ? 4 * h + 64 : 0);
        if (idat > 2 * raw + 4096) {
            throw inconsistent(
                    "the PNG's compressed pixel data is "
                            + idat
                            + " bytes, more than twice what its "
                            + w
                            + "x"
                            + h
                            + " raster ("
                            + raw
                            + " bytes uncompressed) can need (a decompression bomb, or damage)");
        }
        return w * h;
    }

    // --- GIF ---

    private static long gif(byte[] b, ImageLimits limits) {
        if (b.length < 13) {
            return -1;
        }
        long canvasW = u16le(b, 6);
        long canvasH = u16le(b, 8);
        int p = 13 + colourTableBytes(b[10]);
        int frames = 0;
        long total = 0;
        long extentW = canvasW;
        long extentH = canvasH;
        while (p < b.length) {
            int block = b[p] & 0xFF;
            if (block == 0x21) { // extension: label, then sub-blocks
                p = skipSubBlocks(b, p + 2);
            } else if (block == 0x2C) { // image descriptor
                if (p + 10 > b.length) {
                    break;
                }
                long left = u16le(b, p + 1);
                long top = u16le(b, p + 3);
                long w = u16le(b, p + 5);
                long h = u16le(b, p + 7);
                limits.checkFrames(++frames);
                limits.checkPixels(w, h);
                total += w * h;
                limits.checkAnimation(frames, total);
                extentW = Math.max(extentW, left + w);
                extentH = Math.max(extentH, top + h);
                int data = p + 10 + colourTableBytes(b[p + 9]) + 1; // after the LZW code size
                p = skipSubBlocks(b, data);
                long lzwBytes = p - data; // sub-block lengths included: an upper bound
                if (p <= b.length
                        && w * h > lzwBytes * ImageLimits.MAX_LZW_PIXELS_PER_BYTE + 4096) {
                    throw inconsistent(
                            "GIF frame "
                                    + frames
                                    + " declares "
                                    + w
                                    + "x"
                                    + h
                                    + " pixels but holds "
                                    + lzwBytes
                                    + " bytes of LZW data, which cannot expand to more than "
                                    + ImageLimits.MAX_LZW_PIXELS_PER_BYTE
                                    + " pixels a byte (limit maxLzwPixelsPerByte)");
                }
            } else {
                break; // the trailer, or damage: the decoder says which
            }
        }
        if (extentW * extentH > limits.maxPixels()) {
            throw new ImageRejected(
                    ImageRejected.Reason.TOO_MANY_PIXELS,
                    "the GIF's canvas is "
                            + extentW
                            + "x"
                            + extentH
                            + " = "
                            + extentW * extentH
                            + " pixels; this instance accepts at most "
                            + limits.maxPixels()
                            + " (limit maxPixels): scale it down first");
        }
        return frames == 0 ? -1 : total;
    }

    private static int colourTableBytes(byte flags) {
        return (flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0;
    }

    /** The position after the sub-blocks starting at {@code p} (past the end if they are cut). */
    private static int skipSubBlocks(byte[] b, int p) {
        while (p < b.length && b[p] != 0) {
            p += (b[p] & 0xFF) + 1;
        }
        return p + 1;
    }

    // --- TIFF ---

    private static final int TIFF_WIDTH = 256;
    private static final int TIFF_HEIGHT = 257;
    private static final int TIFF_BITS_PER_SAMPLE = 258;
    private static final int TIFF_SAMPLES_PER_PIXEL = 277;
    private static final int TIFF_ROWS_PER_STRIP = 278;
    private static final int TIFF_STRIP_BYTE_COUNTS = 279;
    private static final int TIFF_TILE_WIDTH = 322;
    private static final int TIFF_TILE_LENGTH = 323;
    private static final int TIFF_TILE_BYTE_COUNTS = 325;

    /** Bytes per value of each TIFF field type (1..18, BigTIFF's included); 0 unknown. */
    private static final int[] TIFF_TYPE_SIZES = {
        0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8
    };

    private static long tiff(byte[] b, ImageLimits limits) {
        if (b.length < 8) {
            return -1;
        }
        boolean le = b[0] == 'I';
        long ifd = u32(b, 4, le);
        if (ifd < 8 || ifd + 2 > b.length) {
            return -1;
        }
        int p = (int) ifd;
        int entries = u16(b, p, le);
        if (p + 2 + 12L * entries > b.length) {
            throw pastTheEnd(
                    "the TIFF's first directory declares " + entries + " fields", b.length);
        }
        long width = -1;
        long height = -1;
        long samples = 1;
        long rowsPerStrip = -1;
        long tileW = -1;
        long tileH = -1;
        int bitsEntry = -1;
        int countsEntry = -1;
        for (int i = 0, e = p + 2; i < entries; i++, e += 12) {
            int tag = u16(b, e, le);
            int type = u16(b, e + 2, le);
            long count = u32(b, e + 4, le);
            long bytes = count * (type < TIFF_TYPE_SIZES.length ? TIFF_TYPE_SIZES[type] : 0);
            if (bytes > 4 && u32(b, e + 8, le) + bytes > b.length) {
                throw pastTheEnd(
                        "the TIFF's field " + tag + " declares " + count + " values", b.length);
            }
            switch (tag) {
                case TIFF_WIDTH -> width = scalar(b, e, type, le);
                case TIFF_HEIGHT -> height = scalar(b, e, type, le);
                case TIFF_SAMPLES_PER_PIXEL -> samples = scalar(b, e, type, le);
                case TIFF_ROWS_PER_STRIP -> rowsPerStrip = scalar(b, e, type, le);
                case TIFF_TILE_WIDTH -> tileW = scalar(b, e, type, le);
                case TIFF_TILE_LENGTH -> tileH = scalar(b, e, type, le);
                case TIFF_BITS_PER_SAMPLE -> bitsEntry = e;
                case TIFF_STRIP_BYTE_COUNTS, TIFF_TILE_BYTE_COUNTS -> countsEntry = e;
                default -> {}
            }
        }
        if (width < 0 || height < 0) {
            return -1; // the reader says what is missing
        }
        limits.checkPixels(width, height);
        if (samples > ImageLimits.MAX_SAMPLES_PER_PIXEL) {
            throw new ImageRejected(
                    ImageRejected.Reason.UNSUPPORTED_FORMAT,
                    "the TIFF declares "
                            + samples
                            + " samples per pixel; at most "
                            + ImageLimits.MAX_SAMPLES_PER_PIXEL
                            + " are read (limit maxSamplesPerPixel): save it as RGB, gray or CMYK");
        }
        if (bitsEntry >= 0) {
            forEachValue(b, bitsEntry, le, 16, bits -> checkSampleBits("TIFF", bits));
        }
        if (countsEntry >= 0) {
            forEachValue(
                    b,
                    countsEntry,
                    le,
                    Integer.MAX_VALUE,
                    n -> {
                        if (n > b.length) {
                            throw pastTheEnd(
                                    "the TIFF declares a strip or tile of " + n + " bytes",
                                    b.length);
                        }
                    });
        }
        if (tileW > 0 || tileH > 0) {
            checkTile(tileW, tileH, width, height, "tiles");
        } else if (rowsPerStrip > 0) {
            checkTile(width, Math.min(rowsPerStrip, height), width, height, "strips");
        }
        return width * height;
    }

    /** A tile (or strip) may cover the image rounded up to 16, or 1 Mpx, whichever is more. */
    private static void checkTile(long tw, long th, long width, long height, String what) {
        long allowed =
                Math.max(
                        ImageLimits.MIN_TILE_PIXELS_ALLOWED,
                        ((width + 15) & ~15L) * ((height + 15) & ~15L));
        if (tw <= 0 || th <= 0 || tw * th > allowed) {
            throw new ImageRejected(
                    ImageRejected.Reason.TILE_TOO_LARGE,
                    "the TIFF declares "
                            + what
                            + " of "
                            + tw
                            + "x"
                            + th
                            + " pixels for a "
                            + width
                            + "x"
                            + height
                            + " image; a tile may cover at most "
                            + allowed
                            + " pixels (the image, or "
                            + ImageLimits.MIN_TILE_PIXELS_ALLOWED
                            + " if more: limit minTilePixelsAllowed): re-save it with"
                            + " tiles no larger than the image");
        }
    }

    /** A SHORT or LONG field's one value. */
    private static long scalar(byte[] b, int entry, int type, boolean le) {
        return type == 3 ? u16(b, entry + 8, le) : u32(b, entry + 8, le);
    }

    private interface LongConsumer {
        void accept(long value);
    }

    /**
     * Each SHORT or LONG value of a field (in the entry, or where it points), up to {@code max}.
     */
    private static void forEachValue(
            byte[] b, int entry, boolean le, int max, LongConsumer action) {
        int type = u16(b, entry + 2, le);
        long count = Math.min(u32(b, entry + 4, le), max);
        int size = type == 3 ? 2 : type == 4 ? 4 : 0;
        if (size == 0) {
            return;
        }
        long at = count * size <= 4 ? entry + 8 : u32(b, entry + 8, le);
        for (long i = 0; i < count && at + size <= b.length; i++, at += size) {
            action.accept(size == 2 ? u16(b, (int) at, le) : u32(b, (int) at, le));
        }
    }

    // --- BMP ---

    private static long bmp(byte[] b, ImageLimits limits) {
        if (b.length < 30) {
            return -1;
        }
        long pixelOffset = u32(b, 10, true);
        long headerSize = u32(b, 14, true);
        if (pixelOffset > b.length || 14 + headerSize > b.length) {
            // The JDK's reader allocates the palette from the header to the pixels.
            throw pastTheEnd(
                    "the BMP declares its "
                            + (pixelOffset > b.length ? "pixels at byte " + pixelOffset : "header"),
                    b.length);
        }
        long width;
        long height;
        int bitCount;
        if (headerSize == 12) { // OS/2 BITMAPCOREHEADER: 16-bit sizes
            width = u16(b, 18, true);
            height = u16(b, 20, true);
            bitCount = u16(b, 24, true);
        } else if (headerSize >= 40) {
            width = (int) u32(b, 18, true);
            height = Math.abs((long) (int) u32(b, 22, true)); // negative: rows top-down
            bitCount = u16(b, 28, true);
            long colours = u32(b, 46, true);
            if (bitCount <= 8 && colours > ImageLimits.MAX_PALETTE_ENTRIES) {
                throw inconsistent(
                        "the BMP declares a palette of "
                                + colours
                                + " colours; a BMP palette holds at most "
                                + ImageLimits.MAX_PALETTE_ENTRIES
                                + " (limit maxPaletteEntries)");
            }
            // BITMAPV5HEADER's embedded ICC profile: its offset (from the header) and size.
            if (headerSize >= 124 && u32(b, 14 + 56, true) == 0x4D424544L) { // 'MBED'
                long profileEnd = 14 + u32(b, 14 + 112, true) + u32(b, 14 + 116, true);
                if (profileEnd > b.length) {
                    throw pastTheEnd(
                            "the BMP declares a colour profile ending at byte " + profileEnd,
                            b.length);
                }
            }
        } else {
            return -1;
        }
        limits.checkPixels(width, height);
        return width * height;
    }

    // --- shared ---

    private static void checkSampleBits(String format, long bits) {
        if (bits > ImageLimits.MAX_SAMPLE_BITS) {
            throw new ImageRejected(
                    ImageRejected.Reason.UNSUPPORTED_FORMAT,
                    "the "
                            + format
                            + " declares samples of "
                            + bits
                            + " bits; at most "
                            + ImageLimits.MAX_SAMPLE_BITS
                            + " bits a sample are read (limit maxSampleBits): save it with 8 or 16"
                            + " bits a sample");
        }
    }

    /** Structure past the end of the file: cut short in transit, or crafted to look large. */
    private static ImageRejected pastTheEnd(String what, int length) {
        return new ImageRejected(
                ImageRejected.Reason.TRUNCATED_IMAGE,
                what
                        + ", past the end of the "
                        + length
                        + "-byte file: the upload was cut short or the file is damaged; send the"
                        + " whole file");
    }

    private static ImageRejected inconsistent(String what) {
        return new ImageRejected(
                ImageRejected.Reason.INCONSISTENT_IMAGE,
                what
                        + ": the file is damaged or crafted; re-save it with an ordinary image"
                        + " editor");
    }

    private static boolean matches(byte[] b, int from, String ascii) {
        if (from + ascii.length() > b.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[from + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long u16le(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static long u32be(byte[] b, int p) {
        return (b[p] & 0xFFL) << 24
                | (b[p + 1] & 0xFF) << 16
                | (b[p + 2] & 0xFF) << 8
                | b[p + 3] & 0xFF;
    }

    private static int u16(byte[] b, int p, boolean le) {
        if (p + 2 > b.length) {
            return 0;
        }
        return le ? (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 : (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    private static long u32(byte[] b, int p, boolean le) {
        if (p + 4 > b.length) {
            return 0;
        }
        long lo = u16(b, le ? p : p + 2, le);
        long hi = u16(b, le ? p + 2 : p, le);
        return hi << 16 | lo;
    }
}
