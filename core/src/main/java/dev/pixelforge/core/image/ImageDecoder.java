package dev.pixelforge.core.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Bytes to pixels. The format comes from the leading bytes, the size from the header, and the pixel
 * limit is enforced before a single pixel is allocated.
 */
public final class ImageDecoder {

    /**
     * A decoded image and the format it arrived in: its pixels, upright (EXIF orientation applied),
     * and for a GIF, still or animated, every frame as stored ({@code pixels} is then the first
     * frame's): a GIF answer is written from the frames' palettes, exactly, not re-quantised.
     */
    public record Decoded(ImageFormat format, Pixels pixels, Optional<Animation> animation) {
        public Decoded(ImageFormat format, Pixels pixels) {
            this(format, pixels, Optional.empty());
        }
    }

    private final ImageLimits limits;
    private final CodecProviders codecs = new CodecProviders();

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    public Decoded decode(byte[] bytes) {
        return decode(bytes, false, null, Deadline.NONE);
    }

    /**
     * Like {@link #decode}, but a colour JPEG comes back as its luma (Y) channel alone: libjpeg
     * skips the YCbCr to RGB conversion, about half the decode. JPEG's Y is ITU-R 601 luma, the
     * same weights as {@link GrayScale}, computed before rounding to RGB: within a few levels of
     * gray(RGB). Other formats decode as usual.
     */
    public Decoded decodeLuma(byte[] bytes) {
        return decode(bytes, true, null, Deadline.NONE);
    }

    /**
     * {@link #decode} or {@link #decodeLuma}, a JPEG's pixels written into the thread's reused
     * array of that size when {@code scratch} has one: valid only until the thread decodes again.
     * An animated GIF's frames are decoded while {@code deadline} allows.
     */
    Decoded decode(byte[] bytes, boolean lumaOnly, CodecScratch scratch) {
        return decode(bytes, lumaOnly, scratch, Deadline.NONE);
    }

    /** {@link #decode(byte[], boolean, CodecScratch)}, GIF frames decoded while in time. */
    Decoded decode(byte[] bytes, boolean lumaOnly, CodecScratch scratch, Deadline deadline) {
        limits.checkBody(bytes.length);
        if (bytes.length == 0) {
            throw new ImageRejected(
                    ImageRejected.Reason.EMPTY_BODY, ImageRejected.EMPTY_BODY_MESSAGE);
        }
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> unrecognised(bytes));
        DeclaredLayout.check(format, bytes, limits);
        ImageHeader header = ImageHeader.scan(format, bytes);
        ImageReader reader = codecs.reader(format);
        // Read where the bytes are: ImageIO's default stream may spill to a temporary file, its
        // memory one copies them.
        try (ImageInputStream in = new ByteArrayImageInputStream(header.decodable())) {
            boolean gif = format == ImageFormat.GIF;
            // A GIF is read with its metadata and may be seeked: its frames are counted before any
            // is decoded.
            reader.setInput(in, !gif, !gif);
            int frames = checkDeclaredPixels(reader, format);
            // Decoders fill a cut-off image's missing rows with gray (libjpeg only warns): refuse
            // it instead, before its raster is allocated.
            if (!format.isComplete(bytes)) {
                throw truncated(format, null);
            }
            Decoded decoded;
            if (gif) {
                Animation animation = GifFrames.read(reader, frames, deadline);
                decoded =
                        new Decoded(
                                format, animation.frames().get(0).pixels(), Optional.of(animation));
            } else {
                BufferedImage image =
                        reader.read(
                                0,
                                format == ImageFormat.JPEG
                                        ? jpegParam(reader, lumaOnly, scratch)
                                        : null);
                decoded = new Decoded(format, header.orientation().apply(RasterPixels.from(image)));
            }
            return decoded;
        } catch (ImageRejected rejected) {
            throw rejected;
        } catch (IOException | RuntimeException e) {
            throw format.isComplete(bytes) ? classify(format, e) : truncated(format, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Refuses an image whose header declares more pixels than the limit, before any is decoded; for
     * a GIF, all frames together. Returns the frame count (1 for every other format: TIFF's further
     * pages and an animated WebP's further frames are not read).
     */
    private int checkDeclaredPixels(ImageReader reader, ImageFormat format) throws IOException {
        if (format != ImageFormat.GIF) {
            limits.checkPixels(reader.getWidth(0), reader.getHeight(0));
            return 1;
        }
        int frames = reader.getNumImages(true);
        if (frames < 1) {
            throw new IIOException(
                    "the GIF holds no complete image"); // truncated, or not a GIF: the caller tells
            // which
        }
        long total = 0;
        for (int i = 0; i < frames; i++) {
            long w = reader.getWidth(i);
            long h = reader.getHeight(i);
            limits.checkPixels(w, h);
            total += w * h;
        }
        limits.checkAnimation(frames, total);
        return frames;
    }

    /**
     * How a JPEG is read: as 8-bit gray when luma is asked and the reader can produce it; into the
     * thread's reused image of this size and type when there is scratch and the type is one of the
     * two a JPEG reader gives by default (a destination of another type would change the colour
     * conversion libjpeg does). Null: the reader's defaults.
     */
    private static ImageReadParam jpegParam(
            ImageReader reader, boolean lumaOnly, CodecScratch scratch) throws IOException {
        ImageReadParam param = lumaOnly ? lumaParam(reader) : null;
        if (scratch == null) {
            return param;
        }
        int type;
        if (param != null && param.getDestinationType() != null) {
            type = BufferedImage.TYPE_BYTE_GRAY;
        } else {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type =
                    types.hasNext()
                            ? types.next().getBufferedImageType()
                            : BufferedImage.TYPE_CUSTOM;
        }
        if (type != BufferedImage.TYPE_BYTE_GRAY && type != BufferedImage.TYPE_3BYTE_BGR) {
            return param;
        }
        BufferedImage into = scratch.image(reader.getWidth(0), reader.getHeight(0), type);
        if (into == null) {
            return param;
        }
        ImageReadParam reuse = param != null ? param : reader.getDefaultReadParam();
        reuse.setDestination(into);
        return reuse;
    }

    /** A read param asking for 8-bit gray, when the reader can produce it for this image. */
    private static ImageReadParam lumaParam(ImageReader reader) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        for (Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0); types.hasNext(); ) {
            if (types.next().getNumComponents() == 4) {
                return param; // CMYK and the like: leave it to the usual path and its error
            }
        }
        param.setDestinationType(
                ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_BYTE_GRAY));
        return param;
    }

    /**
     * The pixel count the image declares, from its header alone, all frames of a GIF together (0
     * when the header cannot be read: decoding then says why). A file whose headers cross a limit
     * ({@link DeclaredLayout}) is refused here, before any reader sees it.
     */
    public long declaredPixels(byte[] bytes) {
        ImageFormat format = ImageFormat.sniff(bytes).orElse(null);
        if (format == null) {
            return 0;
        }
        long declared = DeclaredLayout.check(format, bytes, limits);
        if (declared >= 0) {
            return declared;
        }
        ImageReader reader = codecs.reader(format);
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            if (format != ImageFormat.GIF) {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                limits.checkPixels(width, height); // JPEG and WebP: refused here, not queued
                return width * height;
            }
            reader.setInput(in, false, true);
            long total = 0;
            for (int i = 0, frames = reader.getNumImages(true); i < frames; i++) {
                total += (long) reader.getWidth(i) * reader.getHeight(i);
            }
            return total;
        } catch (ImageRejected rejected) {
            throw rejected;
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        } finally {
            reader.dispose();
        }
    }

    private static ImageRejected classify(ImageFormat format, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("Unsupported Image Type")) {
                return new ImageRejected(
                        ImageRejected.Reason.UNSUPPORTED_FORMAT,
                        "this "
                                + format
                                + " uses a colour model PixelForge does not read (RGB, gray,"
                                + " palette and CMYK are read): convert it to RGB first",
                        e);
            }
        }
        // A decoder's own IOException says what is wrong; a runtime exception from deep inside one
        // (a
        // plugin indexing past damaged data) says nothing a client can act on, and names a Java
        // class.
        String detail =
                e instanceof IOException && e.getMessage() != null
                        ? e.getMessage()
                        : "damaged data";
        return new ImageRejected(
                ImageRejected.Reason.NOT_AN_IMAGE,
                "the body starts like a "
                        + format
                        + " but cannot be decoded ("
                        + detail
                        + "): send a valid file",
                e);
    }

    private static ImageRejected truncated(ImageFormat format, Exception cause) {
        return new ImageRejected(
                ImageRejected.Reason.TRUNCATED_IMAGE,
                "the "
                        + format
                        + " image ends before its pixel data does: the upload was cut short, send"
                        + " the whole file",
                cause);
    }

    private static ImageRejected unrecognised(byte[] bytes) {
        return ImageFormat.sniffUnsupported(bytes)
                .map(
                        name ->
                                new ImageRejected(
                                        ImageRejected.Reason.UNSUPPORTED_FORMAT,
                                        name
                                                + " is not supported: convert it to "
                                                + (name.equals("ICO")
                                                        ? "PNG"
                                                        : "JPEG (photos) or PNG")
                                                + " first; PixelForge reads "
                                                + ImageFormat.READABLE_NAMES))
                .orElseGet(
                        () ->
                                new ImageRejected(
                                        ImageRejected.Reason.NOT_AN_IMAGE,
                                        "the body is not a "
                                                + ImageFormat.READABLE_NAMES
                                                + " image (its first bytes match none of them)"));
    }
}
