package dev.pixelforge.core.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/** Pixels to bytes in a chosen format. Formats without alpha get the colour channels only. */
public final class ImageEncoder {

    /** Pillow's default JPEG quality, so default outputs compare with the study's. */
    public static final int DEFAULT_JPEG_QUALITY = 75;

    private final CodecProviders codecs = new CodecProviders();

    public byte[] encode(Pixels pixels, ImageFormat format, int jpegQuality) {
        return encode(pixels, format, jpegQuality, null);
    }

    /**
     * {@link #encode(Pixels, ImageFormat, int)}, through the thread's reused output array when
     * there is scratch.
     */
    byte[] encode(Pixels pixels, ImageFormat format, int jpegQuality, CodecScratch scratch) {
        return encode(pixels, format, jpegQuality, scratch, Long.MAX_VALUE);
    }

    /**
     * {@link #encode(Pixels, ImageFormat, int, CodecScratch)}, refusing an answer over {@code
     * maxBytes} ({@link ImageLimits#maxAnswerBytes}): before encoding when the format's size is
     * known from the pixels (BMP: uncompressed rows), otherwise as soon as the encoder writes past
     * it.
     */
    byte[] encode(
            Pixels pixels,
            ImageFormat format,
            int jpegQuality,
            CodecScratch scratch,
            long maxBytes) {
        if (format == ImageFormat.WEBP) {
            throw new IllegalArgumentException(
                    "no WebP encoder: ImageFormat.answer() turns WebP into PNG");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new ImageRejected(
                    ImageRejected.Reason.BAD_PARAMETER,
                    "quality " + jpegQuality + " is outside 1..100 (JPEG quality, 75 by default)");
        }
        if (format == ImageFormat.BMP) {
            // At least its rows, each padded to 4 bytes, after a 54-byte header: 1 byte a pixel for
            // gray (under a palette), 3 for colour.
            long rowBytes =
                    ((long) pixels.width() * (pixels.channels().isGray() ? 1 : 3) + 3) & ~3L;
            long bmpBytes = 54 + rowBytes * pixels.height();
            if (bmpBytes > maxBytes) {
                throw ImageLimits.answerTooLarge(format, "at least " + bmpBytes, maxBytes);
            }
        }
        Pixels writable = format.keepsAlpha() ? pixels : pixels.withoutAlpha();
        if (format == ImageFormat.PNG) {
            return PngEncoder.encode(writable, maxBytes);
        }
        BufferedImage image = toImage(writable);
        ImageWriter writer = codecs.writer(format);
        ByteArrayImageOutputStream out =
                scratch != null
                        ? scratch.output()
                        : new ByteArrayImageOutputStream(
                                new byte[Math.max(1024, writable.data().length / 4)]);
        out.limit(maxBytes);
        try {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == ImageFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality / 100f);
            } else if (format == ImageFormat.TIFF) {
                // Lossless and read by libtiff, Pillow, browsers' TIFF viewers and scanners'
                // software alike.
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("Deflate");
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException | RuntimeException e) {
            if (out.overLimit()) {
                throw ImageLimits.answerTooLarge(format, "more than " + maxBytes, maxBytes);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("writing " + format + " to memory failed", io);
            }
            throw (RuntimeException) e;
        } finally {
            writer.dispose();
        }
        if (scratch != null) {
            scratch.keep(out);
        }
        return out.toByteArray();
    }

    /**
     * A GIF, every frame as the input had it, under its converted palette ({@link
     * GifFrames#write}).
     */
    public byte[] encode(Animation animation) {
        return encode(animation, Long.MAX_VALUE, Deadline.NONE);
    }

    /**
     * {@link #encode(Animation)}, refused as soon as it is written past {@code maxBytes}, and
     * between frames once past {@code deadline}.
     */
    byte[] encode(Animation animation, long maxBytes, Deadline deadline) {
        return GifFrames.write(animation, codecs.writer(ImageFormat.GIF), maxBytes, deadline);
    }

    /** Wraps the pixel array in a BufferedImage without copying it. */
    static BufferedImage toImage(Pixels p) {
        Channels c = p.channels();
        int[] offsets =
                switch (c) {
                    case GRAY -> new int[] {0};
                    case GRAY_ALPHA -> new int[] {0, 1};
                    case BGR -> new int[] {2, 1, 0};
                    case ABGR -> new int[] {3, 2, 1, 0};
                };
        ColorSpace space =
                ColorSpace.getInstance(c.isGray() ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ComponentColorModel cm =
                new ComponentColorModel(
                        space,
                        c.hasAlpha(),
                        false,
                        c.hasAlpha() ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                        DataBuffer.TYPE_BYTE);
        WritableRaster raster =
                Raster.createInterleavedRaster(
                        new DataBufferByte(p.data(), p.data().length),
                        p.width(),
                        p.height(),
                        p.width() * c.count(),
                        c.count(),
                        offsets,
                        null);
        return new BufferedImage(cm, raster, false, null);
    }
}
