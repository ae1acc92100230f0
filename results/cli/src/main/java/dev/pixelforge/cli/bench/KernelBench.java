package dev.pixelforge.cli.bench;

import dev.pixelforge.core.image.FractalNoiseGenerator;
import dev.pixelforge.core.image.ImageDecoder;
import dev.pixelforge.core.image.ImageEncoder;
import dev.pixelforge.core.image.ImageFormat;
import dev.pixelforge.core.image.ImageLimits;
import dev.pixelforge.core.image.Pixels;
import dev.pixelforge.core.image.ToneScale;
import dev.pixelforge.load.images.StudyImageSet;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The three kernel phases of {@code POST /tone} timed apart, per image size and format, on the load
 * runs' photo-like content (fractal noise and grain, not flat colour that codecs find trivial).
 *
 * <pre>./pixelforge bench jmh</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx3g"})
@State(Scope.Benchmark)
public class KernelBench {

    /** The study's range: a thumbnail, VGA, full HD, 8K. */
    @Param({"25x25", "640x480", "1920x1080", "7680x4320"})
    public String size;

    @Param({"jpeg", "png"})
    public String format;

    @Param({"gray"})
    public String scale;

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULTS);
    private final ImageEncoder encoder = new ImageEncoder();
    private ImageFormat imageFormat;
    private ToneScale toneScale;
    private byte[] encoded;
    private Pixels decoded;
    private Pixels toned;

    @Setup(Level.Trial)
    public void prepare() {
        String[] wh = size.split("x");
        imageFormat = ImageFormat.parse(format);
        toneScale = ToneScale.parse(scale, Map.of());
        Pixels source =
                StudyImageSet.photoLike(
                        new FractalNoiseGenerator(),
                        Integer.parseInt(wh[0]),
                        Integer.parseInt(wh[1]),
                        756);
        encoded = encoder.encode(source, imageFormat, ImageEncoder.DEFAULT_JPEG_QUALITY);
        decoded = decoder.decode(encoded).pixels();
        toned = toneScale.apply(decoded);
    }

    @Benchmark
    public Pixels decode() {
        return decoder.decode(encoded).pixels();
    }

    @Benchmark
    public Pixels tone() {
        return toneScale.apply(decoded);
    }

    @Benchmark
    public byte[] encode() {
        return encoder.encode(toned, imageFormat, ImageEncoder.DEFAULT_JPEG_QUALITY);
    }
}
