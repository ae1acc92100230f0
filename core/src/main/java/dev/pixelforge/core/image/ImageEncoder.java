package dev.pixelforge.core.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.awt.image.IndexColorModel;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Pixels to bytes in a chosen format. Formats without alpha get the colour channels only. */
public final class ImageEncoder {

    /** Pillow's default JPEG quality, so default outputs compare with the study's. */
    public static final int DEFAULT_JPEG_QUALITY = 75;

    private static final String GIF_STREAM = "javax_imageio_gif_stream_1.0";
    private static final String GIF_IMAGE = "javax_imageio_gif_image_1.0";

    public byte[] encode(Pixels pixels, ImageFormat format, int jpegQuality) {
        if (format == ImageFormat.WEBP) {
            throw new IllegalArgumentException("no WebP encoder: ImageFormat.answer() turns WebP into PNG");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new ImageRejected(ImageRejected.Reason.BAD_PARAMETER,
                    "quality " + jpegQuality + " is outside 1..100 (JPEG quality, 75 by default)");
        }
        Pixels writable = format.keepsAlpha() ? pixels : pixels.withoutAlpha();
        if (format == ImageFormat.PNG) {
            return PngEncoder.encode(writable);
        }
        BufferedImage image = toImage(writable);
        ImageWriter writer = writerFor(format);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, writable.data().length / 4));
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == ImageFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality / 100f);
            } else if (format == ImageFormat.TIFF) {
                // Lossless and read by libtiff, Pillow, browsers' TIFF viewers and scanners' software alike.
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("Deflate");
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + format + " to memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * An animated GIF, frame by frame as the input had it: each frame's indices under its (converted)
     * palette, at its place, with its delay, disposal and transparent index, and the input's loop count.
     */
    public byte[] encode(Animation animation) {
        ImageWriter writer = writerFor(ImageFormat.GIF);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, (int) Math.min(Integer.MAX_VALUE / 2, animation.pixelCount() / 2)));
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            IIOMetadata stream = writer.getDefaultStreamMetadata(null);
            IIOMetadataNode streamTree = new IIOMetadataNode(GIF_STREAM);
            IIOMetadataNode screen = new IIOMetadataNode("LogicalScreenDescriptor");
            screen.setAttribute("logicalScreenWidth", Integer.toString(animation.canvasWidth()));
            screen.setAttribute("logicalScreenHeight", Integer.toString(animation.canvasHeight()));
            screen.setAttribute("colorResolution", "8");
            screen.setAttribute("pixelAspectRatio", "0");
            streamTree.appendChild(screen);
            stream.mergeTree(GIF_STREAM, streamTree);
            writer.prepareWriteSequence(stream);
            boolean first = true;
            for (Animation.Frame frame : animation.frames()) {
                BufferedImage image = indexedImage(frame);
                IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), null);
                metadata.mergeTree(GIF_IMAGE, frameTree(frame, first ? animation.loops() : -1));
                writer.writeToSequence(new IIOImage(image, null, metadata), null);
                first = false;
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException("writing an animated GIF to memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static IIOMetadataNode frameTree(Animation.Frame frame, int loops) {
        IIOMetadataNode root = new IIOMetadataNode(GIF_IMAGE);
        IIOMetadataNode descriptor = new IIOMetadataNode("ImageDescriptor");
        descriptor.setAttribute("imageLeftPosition", Integer.toString(frame.left()));
        descriptor.setAttribute("imageTopPosition", Integer.toString(frame.top()));
        descriptor.setAttribute("imageWidth", Integer.toString(frame.width()));
        descriptor.setAttribute("imageHeight", Integer.toString(frame.height()));
        descriptor.setAttribute("interlaceFlag", "FALSE");
        root.appendChild(descriptor);
        IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
        control.setAttribute("disposalMethod", frame.disposal());
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", frame.transparentIndex() >= 0 ? "TRUE" : "FALSE");
        control.setAttribute("delayTime", Integer.toString(frame.delayCentis()));
        control.setAttribute("transparentColorIndex", Integer.toString(Math.max(0, frame.transparentIndex())));
        root.appendChild(control);
        if (loops >= 0) {
            IIOMetadataNode extensions = new IIOMetadataNode("ApplicationExtensions");
            IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
            netscape.setAttribute("applicationID", "NETSCAPE");
            netscape.setAttribute("authenticationCode", "2.0");
            netscape.setUserObject(new byte[] {1, (byte) (loops & 0xFF), (byte) ((loops >> 8) & 0xFF)});
            extensions.appendChild(netscape);
            root.appendChild(extensions);
        }
        return root;
    }

    /** The frame's indices, uncopied, under its palette. */
    private static BufferedImage indexedImage(Animation.Frame frame) {
        Pixels palette = frame.palette();
        int size = palette.width();
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        byte[] p = palette.data();
        int n = palette.channels().count();
        for (int i = 0; i < size; i++) {
            int o = i * n;
            switch (palette.channels()) {
                case GRAY, GRAY_ALPHA -> { r[i] = p[o]; g[i] = p[o]; b[i] = p[o]; }
                case BGR -> { b[i] = p[o]; g[i] = p[o + 1]; r[i] = p[o + 2]; }
                case ABGR -> { b[i] = p[o + 1]; g[i] = p[o + 2]; r[i] = p[o + 3]; }
            }
        }
        IndexColorModel icm = new IndexColorModel(8, size, r, g, b, frame.transparentIndex());
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(frame.indices(), frame.indices().length),
                frame.width(), frame.height(), frame.width(), 1, new int[] {0}, null);
        return new BufferedImage(icm, raster, false, null);
    }

    /** Wraps the pixel array in a BufferedImage without copying it. */
    static BufferedImage toImage(Pixels p) {
        Channels c = p.channels();
        int[] offsets = switch (c) {
            case GRAY -> new int[] {0};
            case GRAY_ALPHA -> new int[] {0, 1};
            case BGR -> new int[] {2, 1, 0};
            case ABGR -> new int[] {3, 2, 1, 0};
        };
        ColorSpace space = ColorSpace.getInstance(c.isGray() ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ComponentColorModel cm = new ComponentColorModel(space, c.hasAlpha(), false,
                c.hasAlpha() ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(p.data(), p.data().length),
                p.width(), p.height(), p.width() * c.count(), c.count(), offsets, null);
        return new BufferedImage(cm, raster, false, null);
    }

    private static ImageWriter writerFor(ImageFormat format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName());
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JRE has no ImageIO writer for " + format);
        }
        return writers.next();
    }
}
