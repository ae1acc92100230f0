package dev.pixelforge.core.image;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;

/**
 * GIF frames to and from {@link Animation}, through the JDK's GIF plugin and its metadata trees
 * ({@code javax_imageio_gif_*_1.0}): indices, palette, place, delay, disposal, transparency, and
 * the NETSCAPE2.0 loop count.
 */
final class GifFrames {

    private static final String GIF_STREAM = "javax_imageio_gif_stream_1.0";
    private static final String GIF_IMAGE = "javax_imageio_gif_image_1.0";

    private GifFrames() {}

    /** All {@code count} frames of the GIF {@code reader} is set on (with metadata, seekable). */
    static Animation read(ImageReader reader, int count, Deadline deadline) throws IOException {
        Node screen =
                child(reader.getStreamMetadata().getAsTree(GIF_STREAM), "LogicalScreenDescriptor");
        int loops = -1;
        List<Animation.Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                deadline.check("after decoding " + i + " of " + count + " GIF frames");
            }
            BufferedImage image = reader.read(i);
            Node tree = reader.getImageMetadata(i).getAsTree(GIF_IMAGE);
            Node descriptor = child(tree, "ImageDescriptor");
            Node control = child(tree, "GraphicControlExtension");
            if (i == 0) {
                loops = netscapeLoops(tree);
            }
            if (!(image.getColorModel() instanceof IndexColorModel icm)) {
                throw new IllegalStateException(
                        "the JDK's GIF reader returned a " + image.getColorModel());
            }
            frames.add(
                    new Animation.Frame(
                            image.getWidth(),
                            image.getHeight(),
                            intAttribute(descriptor, "imageLeftPosition", 0),
                            intAttribute(descriptor, "imageTopPosition", 0),
                            RasterPixels.indices(image.getRaster()),
                            RasterPixels.palette(icm),
                            intAttribute(control, "delayTime", 0),
                            control == null
                                    ? "none"
                                    : ((Element) control).getAttribute("disposalMethod"),
                            icm.getTransparentPixel()));
        }
        // Some writers leave the logical screen 0x0: the frames' extent is the canvas then.
        int canvasWidth =
                Math.max(
                        intAttribute(screen, "logicalScreenWidth", 0),
                        frames.stream().mapToInt(f -> f.left() + f.width()).max().orElse(1));
        int canvasHeight =
                Math.max(
                        intAttribute(screen, "logicalScreenHeight", 0),
                        frames.stream().mapToInt(f -> f.top() + f.height()).max().orElse(1));
        return new Animation(canvasWidth, canvasHeight, loops, frames);
    }

    /**
     * The NETSCAPE2.0 application extension's loop count (0: for ever), or -1 when there is none.
     */
    private static int netscapeLoops(Node imageTree) {
        Node extensions = child(imageTree, "ApplicationExtensions");
        for (Node n = extensions == null ? null : extensions.getFirstChild();
                n != null;
                n = n.getNextSibling()) {
            Element e = (Element) n;
            if ("NETSCAPE".equals(e.getAttribute("applicationID"))
                    && "2.0".equals(e.getAttribute("authenticationCode"))
                    && e instanceof IIOMetadataNode node
                    && node.getUserObject() instanceof byte[] data
                    && data.length >= 3
                    && data[0] == 1) {
                return (data[1] & 0xFF) | (data[2] & 0xFF) << 8;
            }
        }
        return -1;
    }

    private static Node child(Node parent, String name) {
        for (Node n = parent == null ? null : parent.getFirstChild();
                n != null;
                n = n.getNextSibling()) {
            if (name.equals(n.getNodeName())) {
                return n;
            }
        }
        return null;
    }

    private static int intAttribute(Node node, String name, int otherwise) {
        if (node instanceof Element e && !e.getAttribute(name).isEmpty()) {
            return Integer.parseInt(e.getAttribute(name));
        }
        return otherwise;
    }

    /**
     * A GIF, frame by frame as the input had it: each frame's indices under its (converted)
     * palette, at its place, with its delay, disposal and transparent index, and the input's loop
     * count.
     */
    static byte[] write(Animation animation, ImageWriter writer, long maxBytes, Deadline deadline) {
        ByteArrayImageOutputStream out =
                new ByteArrayImageOutputStream(
                                new byte
                                        [Math.max(
                                                1024,
                                                (int)
                                                        Math.min(
                                                                Math.min(
                                                                        maxBytes,
                                                                        Integer.MAX_VALUE / 2),
                                                                animation.pixelCount() / 2))])
                        .limit(maxBytes);
        try {
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
            int written = 0;
            for (Animation.Frame frame : animation.frames()) {
                if (written++ > 0) {
                    deadline.check(
                            "after encoding "
                                    + (written - 1)
                                    + " of "
                                    + animation.frames().size()
                                    + " GIF frames");
                }
                BufferedImage image = indexedImage(frame);
                IIOMetadata metadata =
                        writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), null);
                metadata.mergeTree(GIF_IMAGE, frameTree(frame, first ? animation.loops() : -1));
                writer.writeToSequence(new IIOImage(image, null, metadata), null);
                first = false;
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            if (out.overLimit()) {
                throw ImageLimits.answerTooLarge(
                        ImageFormat.GIF, "more than " + maxBytes, maxBytes);
            }
            throw new UncheckedIOException("writing an animated GIF to memory failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
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
        control.setAttribute(
                "transparentColorFlag", frame.transparentIndex() >= 0 ? "TRUE" : "FALSE");
        control.setAttribute("delayTime", Integer.toString(frame.delayCentis()));
        control.setAttribute(
                "transparentColorIndex", Integer.toString(Math.max(0, frame.transparentIndex())));
        root.appendChild(control);
        if (loops >= 0) {
            IIOMetadataNode extensions = new IIOMetadataNode("ApplicationExtensions");
            IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
            netscape.setAttribute("applicationID", "NETSCAPE");
            netscape.setAttribute("authenticationCode", "2.0");
            netscape.setUserObject(
                    new byte[] {1, (byte) (loops & 0xFF), (byte) ((loops >> 8) & 0xFF)});
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
                case GRAY, GRAY_ALPHA -> {
                    r[i] = p[o];
                    g[i] = p[o];
                    b[i] = p[o];
                }
                case BGR -> {
                    b[i] = p[o];
                    g[i] = p[o + 1];
                    r[i] = p[o + 2];
                }
                case ABGR -> {
                    b[i] = p[o + 1];
                    g[i] = p[o + 2];
                    r[i] = p[o + 3];
                }
            }
        }
        IndexColorModel icm = new IndexColorModel(8, size, r, g, b, frame.transparentIndex());
        WritableRaster raster =
                Raster.createInterleavedRaster(
                        new DataBufferByte(frame.indices(), frame.indices().length),
                        frame.width(),
                        frame.height(),
                        frame.width(),
                        1,
                        new int[] {0},
                        null);
        return new BufferedImage(icm, raster, false, null);
    }
}
