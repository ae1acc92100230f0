package dev.pixelforge.core.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The one image function every target serves: tone conversion and generation, framework-free and
 * timed per phase. Thread-safe; one instance per process.
 */
public final class ImageFunction {

    private final ImageLimits limits;
    private final ImageDecoder decoder;
    private final ImageEncoder encoder = new ImageEncoder();
    private final ImageGenerator generator;
    private final PixelBudget budget;

    /**
     * Per pixel thread: arrays the tone path reuses from request to request (bounded: one thread
     * per CPU).
     */
    private final ThreadLocal<CodecScratch> scratch = ThreadLocal.withInitial(CodecScratch::new);

    public ImageFunction(ImageLimits limits, ImageGenerator generator, PixelBudget budget) {
        this.limits = limits;
        this.decoder = new ImageDecoder(limits);
        this.generator = generator;
        this.budget = budget;
    }

    /** With a budget of half this JVM's heap, waiting up to two seconds for it. */
    public ImageFunction(ImageLimits limits) {
        this(
                limits,
                new FractalNoiseGenerator(),
                PixelBudget.forHeap(Runtime.getRuntime().maxMemory(), 2000));
    }

    public ImageLimits limits() {
        return limits;
    }

    public ToneResult tone(byte[] input, ToneRequest request) {
        limits.checkBody(input.length);
        try (PixelBudget.Lease pixels = budget.acquire(decoder.declaredPixels(input))) {
            return toneWithin(input, request);
        }
    }

    private ToneResult toneWithin(byte[] input, ToneRequest request) {
        long t0 = System.nanoTime();
        CodecScratch reuse = scratch.get();
        ImageDecoder.Decoded decoded =
                decoder.decode(input, request.scale().readsOnlyLuma(), reuse);
        long t1 = System.nanoTime();
        ImageFormat format = request.format().orElse(decoded.format().answer());
        if (decoded.animation().isPresent() && format == ImageFormat.GIF) {
            // GIF to GIF: every frame converted through its palette, timings and looping kept; any
            // other output format gets the first frame, as Pillow's convert does.
            Animation toned = decoded.animation().get().mapPalettes(request.scale()::apply);
            long t2 = System.nanoTime();
            byte[] out = encoder.encode(toned, limits.maxAnswerBytes());
            long t3 = System.nanoTime();
            return new ToneResult(
                    out,
                    format,
                    toned.canvasWidth(),
                    toned.canvasHeight(),
                    new PhaseTimings(t1 - t0, "tone", t2 - t1, t3 - t2));
        }
        Pixels toned = request.scale().apply(decoded.pixels());
        long t2 = System.nanoTime();
        byte[] out =
                encoder.encode(
                        toned,
                        format,
                        request.quality(),
                        reuse, // toned may share decoded's reused array: encoded before any reuse
                        limits.maxAnswerBytes());
        long t3 = System.nanoTime();
        return new ToneResult(
                out,
                format,
                toned.width(),
                toned.height(),
                new PhaseTimings(t1 - t0, "tone", t2 - t1, t3 - t2));
    }

    public GenerateResult generate(GenerateRequest request) {
        request.check(limits, generator.octaves());
        try (PixelBudget.Lease pixels =
                budget.acquire((long) request.count() * request.size() * request.size())) {
            return generateWithin(request);
        }
    }

    private GenerateResult generateWithin(GenerateRequest request) {
        List<GenerateResult.GeneratedImage> images = new ArrayList<>(request.count());
        long generateNanos = 0;
        long encodeNanos = 0;
        long answerBytes = 0;
        for (int i = 0; i < request.count(); i++) {
            long seed = request.seed() + i;
            long t0 = System.nanoTime();
            Pixels pixels = generator.generate(request.size(), seed);
            long t1 = System.nanoTime();
            byte[] png;
            try {
                png =
                        encoder.encode(
                                pixels,
                                ImageFormat.PNG,
                                ImageEncoder.DEFAULT_JPEG_QUALITY,
                                null,
                                limits.maxAnswerBytes() - answerBytes);
            } catch (ImageRejected e) {
                if (e.reason() != ImageRejected.Reason.ANSWER_TOO_LARGE) {
                    throw e;
                }
                throw new ImageRejected(
                        ImageRejected.Reason.ANSWER_TOO_LARGE,
                        "the "
                                + request.count()
                                + " PNG images would be more than "
                                + limits.maxAnswerBytes()
                                + " bytes together (past it at image "
                                + (i + 1)
                                + "); this target returns at most "
                                + limits.maxAnswerBytes()
                                + " (limit maxAnswerBytes): ask for fewer or smaller images",
                        e);
            }
            answerBytes += png.length;
            long t2 = System.nanoTime();
            generateNanos += t1 - t0;
            encodeNanos += t2 - t1;
            images.add(new GenerateResult.GeneratedImage(png, request.size(), seed));
        }
        return new GenerateResult(
                List.copyOf(images),
                generator.name(),
                new PhaseTimings(0, "generate", generateNanos, encodeNanos));
    }
}
