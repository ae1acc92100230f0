package dev.pixelforge.load.images;

import dev.pixelforge.core.image.Channels;
import dev.pixelforge.core.image.FractalNoiseGenerator;
import dev.pixelforge.core.image.ImageEncoder;
import dev.pixelforge.core.image.ImageFormat;
import dev.pixelforge.core.image.Pixels;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.payload.LargestImage;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The image set the load runs send, made here (nothing downloaded) and the same on every run: like
 * the first study's twelve base64 images, from 25x25 to 8K, JPEG and PNG. Each fits the tightest
 * platform limit (Lambda's 6 MB event: about 4.4 MB of image once base64-encoded in JSON).
 */
public final class StudyImageSet {

    /** Bump when the content changes, so cached sets are remade. */
    static final String VERSION = "2";

    /**
     * Name, width, height, format: the study's range, PNG where a lossless file stays small enough.
     */
    private static final Object[][] SPEC = {
        {"025x025-png", 25, 25, ImageFormat.PNG},
        {"064x064-jpeg", 64, 64, ImageFormat.JPEG},
        {"150x150-png", 150, 150, ImageFormat.PNG},
        {"320x240-jpeg", 320, 240, ImageFormat.JPEG},
        {"640x480-png", 640, 480, ImageFormat.PNG},
        {"800x600-jpeg", 800, 600, ImageFormat.JPEG},
        {"1024x768-png", 1024, 768, ImageFormat.PNG},
        {"1280x720-jpeg", 1280, 720, ImageFormat.JPEG},
        {"1920x1080-jpeg", 1920, 1080, ImageFormat.JPEG},
        {"2560x1440-jpeg", 2560, 1440, ImageFormat.JPEG},
        {"3840x2160-jpeg", 3840, 2160, ImageFormat.JPEG},
        {"7680x4320-jpeg", 7680, 4320, ImageFormat.JPEG},
    };

    /**
     * The largest image that reaches Lambda as the study sends it: base64 in a JSON body, which API
     * Gateway base64-encodes again into the event (3,536,592 bytes; see LargestImage).
     */
    public static final long MAX_IMAGE_BYTES = LargestImage.bytes(Target.AWS_LAMBDA, true);

    private final List<StudyImage> images;
    private final Path dir;

    private StudyImageSet(Path dir, List<StudyImage> images) {
        this.dir = dir;
        this.images = List.copyOf(images);
    }

    public List<StudyImage> images() {
        return images;
    }

    public Path dir() {
        return dir;
    }

    /** The study's own form: one row per image with the whole image in base64. */
    public Path base64Csv() {
        return dir.resolve("images-base64.csv");
    }

    /** The set under {@code dir}, made there first if it is missing or from another version. */
    public static StudyImageSet in(Path dir) throws IOException {
        Path stamp = dir.resolve("VERSION");
        if (!Files.exists(stamp) || !Files.readString(stamp).trim().equals(VERSION)) {
            make(dir);
            Files.writeString(stamp, VERSION + "\n");
        }
        List<StudyImage> images = new ArrayList<>();
        for (Object[] s : SPEC) {
            String name = (String) s[0];
            ImageFormat format = (ImageFormat) s[3];
            Path file = dir.resolve(fileName(name, format));
            images.add(
                    new StudyImage(
                            name,
                            (int) s[1],
                            (int) s[2],
                            format,
                            file,
                            dir.resolve("json/" + name + ".json"),
                            Files.size(file)));
        }
        return new StudyImageSet(dir, images);
    }

    private static String fileName(String name, ImageFormat format) {
        return name + (format == ImageFormat.JPEG ? ".jpg" : ".png");
    }

    /**
     * Unlinks the set's files before they are made again, never rewriting them in place: old run
     * folders hard-link them, and must keep the images they were measured with.
     */
    static void unlinkFiles(Path dir) throws IOException {
        for (Path d : List.of(dir, dir.resolve("json"))) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static void make(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("json"));
        unlinkFiles(dir);
        ImageEncoder encoder = new ImageEncoder();
        FractalNoiseGenerator noise = new FractalNoiseGenerator();
        try (BufferedWriter base64 = Files.newBufferedWriter(dir.resolve("images-base64.csv"))) {
            base64.write("name,format,width,height,base64\n");
            long seed = 756;
            for (Object[] s : SPEC) {
                String name = (String) s[0];
                int w = (int) s[1];
                int h = (int) s[2];
                ImageFormat format = (ImageFormat) s[3];
                byte[] bytes =
                        encoder.encode(
                                photoLike(noise, w, h, seed++),
                                format,
                                ImageEncoder.DEFAULT_JPEG_QUALITY);
                if (bytes.length > MAX_IMAGE_BYTES) {
                    throw new IllegalStateException(
                            name
                                    + " is "
                                    + bytes.length
                                    + " bytes: over the "
                                    + MAX_IMAGE_BYTES
                                    + " that reach Lambda in a tone-json request");
                }
                String file = fileName(name, format);
                Files.write(dir.resolve(file), bytes);
                writeJson(dir.resolve("json/" + name + ".json"), bytes);
                String fmt = format.imageIoName();
                base64.write(
                        String.join(
                                        ",",
                                        name,
                                        fmt,
                                        Integer.toString(w),
                                        Integer.toString(h),
                                        Base64.getEncoder().encodeToString(bytes))
                                + "\n");
            }
        }
    }

    /** The body the studies' JMeter plans sent: the image in base64 inside JSON. */
    private static void writeJson(Path file, byte[] image) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"scale\":\"gray\",\"image\":\"".getBytes(StandardCharsets.US_ASCII));
            try (OutputStream b64 = Base64.getEncoder().wrap(new NonClosing(out))) {
                b64.write(image);
            }
            out.write("\"}".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * A photograph stand-in: fractal noise (smooth regions, fine detail) with sensor-like grain
     * (luma +-8, chroma +-2), so codecs work about as hard as on a photo: JPEG at quality 75 comes
     * out near 0.8 bits per pixel (1920x1080: about 210 KB; 7680x4320: about 3.4 MB).
     */
    public static Pixels photoLike(FractalNoiseGenerator noise, int w, int h, long seed) {
        int side = Math.max(w, h);
        Pixels square = noise.generate(side, seed);
        Pixels out = Pixels.blank(w, h, Channels.BGR);
        SplittableRandom grain = new SplittableRandom(seed);
        byte[] d = out.data();
        for (int y = 0; y < h; y++) {
            System.arraycopy(square.data(), y * side * 3, d, y * w * 3, w * 3);
        }
        for (int i = 0; i < d.length; i += 3) {
            int luma = grain.nextInt(17) - 8;
            for (int c = 0; c < 3; c++) {
                int v = (d[i + c] & 0xFF) + luma + grain.nextInt(5) - 2;
                d[i + c] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return out;
    }

    /** Lets the base64 wrapper close without closing the file under it. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
