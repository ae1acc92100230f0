package dev.pixelforge.core.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;

/**
 * The ImageIO plugin behind each format, looked up once per decoder or encoder: a lookup by format
 * name sorts the registry's providers anew each time, under a registry-wide lock, and its list
 * nodes were a tenth of what a JPEG request allocated under load (issue 16). Each reader and writer
 * is still a new instance: they are not thread-safe.
 */
final class CodecProviders {

    private final Map<ImageFormat, ImageReaderSpi> readers = new ConcurrentHashMap<>();
    private final Map<ImageFormat, ImageWriterSpi> writers = new ConcurrentHashMap<>();

    ImageReader reader(ImageFormat format) {
        try {
            return readers.computeIfAbsent(format, CodecProviders::findReader)
                    .createReaderInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("the " + format + " reader could not be made", e);
        }
    }

    ImageWriter writer(ImageFormat format) {
        try {
            return writers.computeIfAbsent(format, CodecProviders::findWriter)
                    .createWriterInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("the " + format + " writer could not be made", e);
        }
    }

    private static ImageReaderSpi findReader(ImageFormat format) {
        Iterator<ImageReader> found = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!found.hasNext()) {
            throw new IllegalStateException("this JRE has no ImageIO reader for " + format);
        }
        ImageReader first = found.next();
        try {
            return first.getOriginatingProvider();
        } finally {
            first.dispose();
        }
    }

    private static ImageWriterSpi findWriter(ImageFormat format) {
        Iterator<ImageWriter> found = ImageIO.getImageWritersByFormatName(format.imageIoName());
        if (!found.hasNext()) {
            throw new IllegalStateException("this JRE has no ImageIO writer for " + format);
        }
        ImageWriter first = found.next();
        try {
            return first.getOriginatingProvider();
        } finally {
            first.dispose();
        }
    }
}
