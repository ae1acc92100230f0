package dev.pixelforge.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;

import dev.pixelforge.core.contract.ContractImages;
import dev.pixelforge.core.contract.HostileFiles;
import dev.pixelforge.core.image.Channels;
import dev.pixelforge.core.image.FractalNoiseGenerator;
import dev.pixelforge.core.image.GenerateRequest;
import dev.pixelforge.core.image.GenerateResult;
import dev.pixelforge.core.image.ImageFormat;
import dev.pixelforge.core.image.ImageFunction;
import dev.pixelforge.core.image.ImageGenerator;
import dev.pixelforge.core.image.ImageLimits;
import dev.pixelforge.core.image.ImageRejected;
import dev.pixelforge.core.image.PixelBudget;
import dev.pixelforge.core.image.Pixels;
import dev.pixelforge.core.image.SepiaScale;
import dev.pixelforge.core.image.ToneRequest;
import dev.pixelforge.core.image.ToneResult;
import dev.pixelforge.core.image.ToneScale;

import io.micronaut.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * One case per class of hostile input (issue 25): each format's huge declared size, tiles, strips,
 * palettes, sample widths, frame counts and canvas, decompression ratio, a generate request's work,
 * an answer's size. Each must be refused with its exact status and error code, in under 100 ms (the
 * fastest of three attempts, so a busy machine does not flip it), and, where the refusal comes from
 * the headers before decoding, with under 4 MiB allocated by the refusing thread: the file declares
 * gigabytes, and a decoder trusting it would allocate them or die trying.
 */
class HostileInputTest {

    private static final long MAX_REFUSAL_NANOS = 100_000_000L;
    private static final long MAX_REFUSAL_ALLOCATION = 4L << 20;

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ImageRejectedHandler HANDLER = new ImageRejectedHandler();
    private static final ImageFunction DEFAULTS = new ImageFunction(ImageLimits.DEFAULTS);

    /** A colour scale: its BMP answer has three bytes a pixel. */
    private static final ToneScale SEPIA = new SepiaScale();

    @BeforeAll
    static void loadTheCodecs() {
        // Class loading allocates: do it before anything is measured.
        for (String format : new String[] {"png", "gif", "bmp", "tiff", "jpeg"}) {
            DEFAULTS.tone(
                    ContractImages.write(ContractImages.pattern(8, 8, false), format),
                    ToneRequest.gray());
        }
    }

    /** The fastest of three refusals of {@code call}, and the least any of them allocated. */
    private record Refusal(ImageRejected rejected, long nanos, long allocatedBytes) {

        static Refusal of(Runnable call) {
            ImageRejected rejected = null;
            long nanos = Long.MAX_VALUE;
            long allocated = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 3; attempt++) {
                long bytes0 = THREADS.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                rejected = assertThrows(ImageRejected.class, call::run);
                long t1 = System.nanoTime();
                long bytes1 = THREADS.getCurrentThreadAllocatedBytes();
                nanos = Math.min(nanos, t1 - t0);
                allocated = Math.min(allocated, bytes1 - bytes0);
            }
            return new Refusal(rejected, nanos, allocated);
        }

        /** The status and error code the API answers with, and the time bound. */
        void assertAnswer(String name, int status, String code) {
            HttpResponse<ApiError> answer = HANDLER.handle(null, rejected);
            assertEquals(status, answer.getStatus().getCode(), name + ": " + rejected.getMessage());
            ApiError body = answer.getBody().orElseThrow();
            assertEquals(code, body.error(), name + ": " + rejected.getMessage());
            assertTrue(
                    body.message().contains("limit") || body.message().contains("file"),
                    body::message);
            assertTrue(
                    nanos < MAX_REFUSAL_NANOS,
                    name + ": refused in " + nanos / 1e6 + " ms at best of three");
        }

        void assertAllocatedLittle(String name) {
            assertTrue(
                    allocatedBytes < MAX_REFUSAL_ALLOCATION,
                    name + ": refusing allocated " + allocatedBytes + " bytes");
        }
    }

    static Stream<Arguments> refusedFromTheHeaders() {
        return Stream.of(
                // Each format's huge declared raster: 60000x60000, 3.6 Gpx.
                Arguments.of("PNG 60000x60000", HostileFiles.pngHuge(), 413, "too_many_pixels"),
                Arguments.of("GIF 60000x60000", HostileFiles.gifHuge(), 413, "too_many_pixels"),
                Arguments.of(
                        "BMP 60000x60000 RLE8", HostileFiles.bmpHuge(), 413, "too_many_pixels"),
                Arguments.of("TIFF 60000x60000", HostileFiles.tiffHuge(), 413, "too_many_pixels"),
                Arguments.of(
                        "JPEG 60000x60000", jpegDeclaring(60_000, 60_000), 413, "too_many_pixels"),
                Arguments.of(
                        "WebP 60000x60000",
                        ContractImages.webpDeclaring(60_000, 60_000),
                        413,
                        "too_many_pixels"),
                // Scans: a pass over the coefficients each.
                Arguments.of(
                        "progressive JPEG of 301 scans",
                        HostileFiles.jpegScans(300),
                        413,
                        "too_many_scans"),
                // Bit-field masks: a lookup table of 2^30 entries per channel.
                Arguments.of("BMP 30-bit masks", bitfieldsBmp30(), 415, "unsupported_format"),
                // Tiles and strips.
                Arguments.of(
                        "TIFF 16x16 in a 60000x60000 tile",
                        HostileFiles.tiffHugeTile(),
                        413,
                        "tile_too_large"),
                Arguments.of(
                        "TIFF strip of 2 GB in 370 bytes",
                        HostileFiles.tiffStripPastTheEnd(),
                        400,
                        "truncated_image"),
                // Palettes.
                Arguments.of(
                        "BMP palette of 2^30 colours",
                        HostileFiles.bmpHugePalette(),
                        400,
                        "inconsistent_image"),
                Arguments.of(
                        "BMP pixels at 2 GB (palette in between)",
                        HostileFiles.bmpPixelsPastTheEnd(),
                        400,
                        "truncated_image"),
                Arguments.of(
                        "PNG palette of 1000 colours",
                        HostileFiles.pngHugePalette(),
                        400,
                        "inconsistent_image"),
                // Sample widths: lookup tables of 2^32 entries.
                Arguments.of(
                        "TIFF 32-bit samples",
                        HostileFiles.tiffWideSamples(),
                        415,
                        "unsupported_format"),
                Arguments.of(
                        "PNG 32-bit samples",
                        HostileFiles.pngWideSamples(),
                        415,
                        "unsupported_format"),
                // Frame counts, summed pixels, canvas.
                Arguments.of(
                        "GIF of 501 frames", HostileFiles.gifFrames(501), 413, "too_many_frames"),
                Arguments.of(
                        "GIF of 100000 frames",
                        HostileFiles.gifFrames(100_000),
                        413,
                        "too_many_frames"),
                Arguments.of(
                        "GIF of 120 frames of 0.36 Mpx",
                        HostileFiles.gifFramesSummingPastThePixelLimit(),
                        413,
                        "too_many_pixels"),
                Arguments.of(
                        "GIF canvas 65535x65535",
                        HostileFiles.gifHugeCanvas(),
                        413,
                        "too_many_pixels"),
                // Decompression ratio.
                Arguments.of(
                        "PNG 36 Mpx in an 8-byte zlib stream",
                        HostileFiles.pngRasterTheDataCannotFill(),
                        400,
                        "inconsistent_image"),
                Arguments.of(
                        "GIF 36 Mpx in 3 bytes of LZW",
                        HostileFiles.gifRasterTheDataCannotFill(),
                        400,
                        "inconsistent_image"),
                Arguments.of(
                        "PNG 16x16 over a 256 MiB zlib bomb",
                        HostileFiles.pngZlibBomb(256),
                        400,
                        "inconsistent_image"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("refusedFromTheHeaders")
    void hostileFile_isRefusedFromItsHeaders_inMilliseconds_allocatingAlmostNothing(
            String name, byte[] file, int status, String code) {
        Refusal refusal = Refusal.of(() -> DEFAULTS.tone(file, ToneRequest.gray()));

        refusal.assertAnswer(name, status, code);
        refusal.assertAllocatedLittle(name);
    }

    @Test
    void zlibStreamFarPastItsRaster_isInflatedOnlyAsFarAsTheRaster() {
        // 1000x1000 gray (1 MB of rows) over 256 MiB of zeros in 260 KB: within twice the rows,
        // so not refused by length; the reader must stop inflating at the last row.
        byte[] bomb = HostileFiles.pngZlibBomb(1000, 256);
        DEFAULTS.tone(bomb, ToneRequest.gray());
        long nanos = Long.MAX_VALUE;
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            long bytes0 = THREADS.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            ToneResult result = DEFAULTS.tone(bomb, ToneRequest.gray());
            nanos = Math.min(nanos, System.nanoTime() - t0);
            allocated = Math.min(allocated, THREADS.getCurrentThreadAllocatedBytes() - bytes0);
            assertEquals(1000, result.width());
        }
        // Inflating 256 MiB takes about a quarter of a second; the raster alone, milliseconds.
        assertTrue(nanos < MAX_REFUSAL_NANOS, "decoded in " + nanos / 1e6 + " ms at best");
        assertTrue(allocated < 16L << 20, "decoding allocated " + allocated + " bytes");
    }

    @Test
    void progressiveJpeg_asEncodersWriteIt_decodes() throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(
                    null, new IIOImage(ContractImages.pattern(64, 48, false), null, null), param);
        } finally {
            writer.dispose();
        }

        ToneResult result = DEFAULTS.tone(bytes.toByteArray(), ToneRequest.gray());

        assertEquals(64, result.width());
    }

    @ParameterizedTest(name = "{0} frames")
    @ValueSource(ints = {1, 500})
    void gifsUpToTheFrameLimit_decode(int frames) {
        ToneResult result = DEFAULTS.tone(HostileFiles.gifFrames(frames), ToneRequest.gray());

        assertEquals(frames, ContractImages.frameCount(result.image()));
    }

    @Test
    void generate_isPricedByPixelsTimesOctaves() {
        ImageLimits limits =
                new ImageLimits(
                        1 << 20, 40_000_000L, 16, 2048, 500, 10_000_000L, 24_000_000L, 10_000L, 64);
        GenerateRequest request = new GenerateRequest(2, 1024, 0); // 2.1 Mpx
        ImageFunction sixOctaves =
                new ImageFunction(
                        limits, new FractalNoiseGenerator(), new PixelBudget(1L << 30, 0));

        // 2.1 Mpx x 6 octaves = 12.6 M pixel-octaves, over 10 M: refused before any pixel.
        Refusal refusal = Refusal.of(() -> sixOctaves.generate(request));
        refusal.assertAnswer("2 x 1024^2 x 6 octaves", 413, "too_much_work");
        refusal.assertAllocatedLittle("2 x 1024^2 x 6 octaves");
        assertTrue(
                refusal.rejected().getMessage().contains("12582912 pixel-octaves"),
                refusal.rejected()::getMessage);

        // The same pixels at one octave are 2.1 M: made.
        ImageFunction oneOctave =
                new ImageFunction(limits, new Blank(), new PixelBudget(1L << 30, 0));
        GenerateResult made = oneOctave.generate(request);
        assertEquals(2, made.images().size());
    }

    @Test
    void generate_withTheDefaults_theLargestRequestIsRefused() {
        Refusal refusal = Refusal.of(() -> DEFAULTS.generate(new GenerateRequest(16, 2048, 0)));

        refusal.assertAnswer("16 x 2048^2", 413, "too_many_pixels");
        refusal.assertAllocatedLittle("16 x 2048^2");
    }

    @Test
    void bmpAnswerOverTheLimit_isRefusedBeforeEncoding_andJpegIsAnsweredInstead() {
        ImageFunction small = withAnswerLimit(20_000);
        byte[] png = ContractImages.png(120, 120, false); // a 43 KB BMP
        ToneRequest bmp =
                new ToneRequest(ToneRequest.gray().scale(), Optional.of(ImageFormat.BMP), 75);
        ToneRequest rgbBmp = new ToneRequest(SEPIA, Optional.of(ImageFormat.BMP), 75);

        Refusal refusal = Refusal.of(() -> small.tone(png, rgbBmp));

        refusal.assertAnswer("120x120 as BMP, 20 KB limit", 413, "answer_too_large");
        String message = refusal.rejected().getMessage();
        assertTrue(message.contains("at least 43254 bytes"), message); // known before encoding
        assertTrue(message.contains("format=jpeg"), message);
        assertEquals(
                ImageFormat.JPEG,
                small.tone(png, new ToneRequest(bmp.scale(), Optional.of(ImageFormat.JPEG), 75))
                        .format());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"png", "jpeg", "tiff", "gif"})
    void answerOverTheLimit_isRefusedWhileEncoding(String format) {
        ImageFunction small = withAnswerLimit(4_000);
        byte[] noise = ContractImages.write(noise(96, 96), format.equals("gif") ? "gif" : "png");
        ToneRequest request =
                new ToneRequest(
                        SEPIA,
                        Optional.of(ImageFormat.valueOf(format.toUpperCase(Locale.ROOT))),
                        75);

        Refusal refusal = Refusal.of(() -> small.tone(noise, request));

        refusal.assertAnswer(format + " of 96x96 noise, 4 KB limit", 413, "answer_too_large");
        assertTrue(
                refusal.rejected().getMessage().contains("more than"),
                refusal.rejected()::getMessage);
    }

    @Test
    void generateAnswerOverTheLimit_isRefused_namingTheImageThatCrossedIt() {
        ImageFunction small = withAnswerLimit(2_000);

        Refusal refusal = Refusal.of(() -> small.generate(new GenerateRequest(4, 64, 0)));

        refusal.assertAnswer("4 x 64^2 PNGs, 2 KB limit", 413, "answer_too_large");
        assertTrue(refusal.rejected().getMessage().contains("ask for fewer or smaller images"));
    }

    @Test
    void health_listsEveryLimit() {
        assertEquals(
                ImageLimits.DEFAULTS.maxAnswerBytes(),
                ImageLimits.DEFAULTS.describe().get("maxAnswerBytes"));
        assertTrue(
                ImageLimits.DEFAULTS
                        .describe()
                        .keySet()
                        .containsAll(
                                List.of(
                                        "maxBodyBytes",
                                        "maxPixels",
                                        "maxFrames",
                                        "maxGenerateWork",
                                        "maxSampleBits",
                                        "maxPaletteEntries",
                                        "maxBmpMaskBits",
                                        "minTilePixelsAllowed",
                                        "maxDeflateRatio")));
    }

    private static ImageFunction withAnswerLimit(long maxAnswerBytes) {
        ImageLimits d = ImageLimits.DEFAULTS;
        return new ImageFunction(
                new ImageLimits(
                        d.maxBodyBytes(),
                        d.maxPixels(),
                        d.maxGenerateCount(),
                        d.maxGenerateSize(),
                        d.maxFrames(),
                        d.maxGenerateWork(),
                        maxAnswerBytes,
                        d.maxRequestMillis(),
                        d.maxQueuedRequests()),
                new FractalNoiseGenerator(),
                new PixelBudget(1L << 30, 0));
    }

    /** Random colour pixels: no format compresses them much. */
    private static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        SplittableRandom random = new SplittableRandom(25);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        return image;
    }

    /** A generator of one pass a pixel. */
    private static final class Blank implements ImageGenerator {
        @Override
        public Pixels generate(int size, long seed) {
            return Pixels.blank(size, size, Channels.BGR);
        }

        @Override
        public String name() {
            return "blank";
        }
    }

    /** A JDK-written 16x16 JPEG whose SOF0 is patched to declare {@code w} x {@code h}. */
    private static byte[] jpegDeclaring(int w, int h) {
        byte[] jpeg = ContractImages.jpeg(16, 16);
        for (int i = 0; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                // SOF0: marker, length (2), precision (1), height (2), width (2)
                jpeg[i + 5] = (byte) (h >> 8);
                jpeg[i + 6] = (byte) h;
                jpeg[i + 7] = (byte) (w >> 8);
                jpeg[i + 8] = (byte) w;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 in the JDK's JPEG");
    }

    /** A 1x1, 32-bit BI_BITFIELDS BMP whose three masks are 30 bits wide each: 70 bytes. */
    private static byte[] bitfieldsBmp30() {
        ByteBuffer b = ByteBuffer.allocate(70).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(70).putInt(0).putInt(66);
        b.putInt(40).putInt(1).putInt(1).putShort((short) 1).putShort((short) 32);
        b.putInt(3).putInt(4).putInt(2835).putInt(2835).putInt(0).putInt(0);
        int mask = (1 << 30) - 1;
        b.putInt(mask).putInt(mask).putInt(mask).putInt(0x12345678);
        return b.array();
    }
}
