package dev.pixelforge.cli.bench;

import dev.pixelforge.core.image.FractalNoiseGenerator;
import dev.pixelforge.core.image.ImageEncoder;
import dev.pixelforge.core.image.ImageFormat;
import dev.pixelforge.core.image.Pixels;
import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.images.StudyImageSet;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The two files from the wild that {@code ./pixelforge bench kernel} adds to the study's image set
 * (issue 14): a print shop's CMYK JPEG, and a phone's portrait photo stored sideways with EXIF
 * orientation 6. Same photo-like content as the set, made on first use.
 */
public final class WildBenchImages {

    private static final long SEED = 756;

    private WildBenchImages() {}

    public static List<StudyImage> in(Path dir) throws IOException {
        Files.createDirectories(dir);
        FractalNoiseGenerator noise = new FractalNoiseGenerator();
        Path cmyk = dir.resolve("1024x768-cmyk.jpg");
        if (!Files.exists(cmyk)) {
            Files.write(cmyk, cmykJpeg(StudyImageSet.photoLike(noise, 1024, 768, SEED)));
        }
        Path phone = dir.resolve("4032x3024-exif6.jpg");
        if (!Files.exists(phone)) {
            Pixels photo = StudyImageSet.photoLike(noise, 4032, 3024, SEED);
            Files.write(
                    phone,
                    withOrientation(new ImageEncoder().encode(photo, ImageFormat.JPEG, 90), 6));
        }
        return List.of(
                image("1024x768-cmyk", 1024, 768, cmyk),
                image("4032x3024-exif6", 4032, 3024, phone));
    }

    private static StudyImage image(String name, int w, int h, Path file) throws IOException {
        return new StudyImage(name, w, h, ImageFormat.JPEG, file, file, Files.size(file));
    }

    /**
     * A 4-channel JPEG as print workflows write it: C, M, Y from the colour, K the shared darkness.
     */
    static byte[] cmykJpeg(Pixels bgr) throws IOException {
        int w = bgr.width();
        int h = bgr.height();
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        byte[] d = bgr.data();
        int[] row = new int[w * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                int c = 255 - (d[p + 2] & 0xFF);
                int m = 255 - (d[p + 1] & 0xFF);
                int ye = 255 - (d[p] & 0xFF);
                int k = Math.min(c, Math.min(m, ye)) / 2;
                row[x * 4] = c - k;
                row[x * 4 + 1] = m - k;
                row[x * 4 + 2] = ye - k;
                row[x * 4 + 3] = k;
            }
            raster.setPixels(0, y, w, 1, row);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.write(null, new IIOImage(raster, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * The JPEG with an EXIF APP1 segment naming {@code orientation}, right after its JFIF header.
     */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] app1 = {
            (byte) 0xFF,
            (byte) 0xE1,
            0,
            34,
            'E',
            'x',
            'i',
            'f',
            0,
            0,
            'M',
            'M',
            0,
            42,
            0,
            0,
            0,
            8, // big-endian TIFF header, IFD0 at 8
            0,
            1,
            0x01,
            0x12,
            0,
            3,
            0,
            0,
            0,
            1,
            0,
            (byte) orientation,
            0,
            0, // one entry: Orientation, SHORT
            0,
            0,
            0,
            0, // no next IFD
        };
        int app0End =
                2 + 2 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF)); // SOI, then APP0 and its length
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + app1.length);
        out.write(jpeg, 0, app0End);
        out.write(app1, 0, app1.length);
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }
}
