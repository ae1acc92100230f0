package dev.pixelforge.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.core.image.ImageDecoder;
import dev.pixelforge.core.image.ImageLimits;
import dev.pixelforge.core.image.Pixels;
import dev.pixelforge.load.images.StudyImage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** The bench's two files from the wild are what their names say. */
class WildBenchImagesTest {

    @Test
    void cmykJpegHasFourChannels_andThePhonePhotoIsShownUpright(@TempDir Path dir)
            throws IOException {
        List<StudyImage> images = WildBenchImages.in(dir);
        assertEquals(
                List.of("1024x768-cmyk", "4032x3024-exif6"),
                images.stream().map(StudyImage::name).toList());

        try (ImageInputStream in = ImageIO.createImageInputStream(images.get(0).file().toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(
                    4, reader.readRaster(0, null).getNumBands(), "a CMYK JPEG has four channels");
            reader.dispose();
        }
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULTS);
        Pixels phone = decoder.decodeLuma(Files.readAllBytes(images.get(1).file())).pixels();
        assertEquals(3024, phone.width(), "stored 4032 wide, shown turned a quarter");
        assertEquals(4032, phone.height());
    }
}
