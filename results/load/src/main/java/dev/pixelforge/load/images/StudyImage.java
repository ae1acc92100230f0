package dev.pixelforge.load.images;

import dev.pixelforge.core.image.ImageFormat;

import java.nio.file.Path;

/**
 * One input of the image set: its name (the label in samples and reports), size, format, and the
 * files a load plan sends: the image itself and the study's JSON form of it.
 */
public record StudyImage(
        String name,
        int width,
        int height,
        ImageFormat format,
        Path file,
        Path jsonFile,
        long bytes) {

    public long pixels() {
        return (long) width * height;
    }
}
