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
            return toneWithin(input, request, Deadline.NONE);
        }
    }

    /**
     * Admits a tone request before it is queued for a pixel thread: refuses it if its headers cross
     * a limit, and takes its pixels from the budget at once or refuses it (503), so that nothing
     * waits in the queue that the budget cannot hold. Close the lease if it is not handed to {@link
     * #tone(byte[], ToneRequest, PixelBudget.Lease, Deadline)}.
     */
    public PixelBudget.Lease admitTone(byte[] input) {
        return admitTone(input, 0, null);
    }

    /**
     * As {@link #admitTone(byte[])}, the lease also holding {@code heldBytes} of the request's
     * buffers (those no {@code body} lease holds), beside {@code body}: the lease of the request's
     * body as it arrived ({@link #admitBody}), or null.
     */
    public PixelBudget.Lease admitTone(byte[] input, long heldBytes, PixelBudget.Lease body) {
        limits.checkBody(input.length);
        return budget.acquire(decoder.declaredPixels(input), heldBytes, 0, body);
    }

    /**
     * Takes a request body's bytes from the budget as it arrives (its declared length), at once or
     * refused (503); refuses one over {@link ImageLimits#maxBodyBytes} (413). Close the lease when
     * the request is answered.
     */
    public PixelBudget.Lease admitBody(long bytes) {
        limits.checkBody(bytes);
        return budget.acquireBytes(bytes);
    }

    /**
     * An admitted tone request, on a pixel thread: refused (503) if it waited in the queue past its
     * deadline, and checked against it between phases. Gives the lease back.
     */
    public ToneResult tone(
            byte[] input, ToneRequest request, PixelBudget.Lease lease, Deadline deadline) {
        try (lease) {
            deadline.check("while it waited for a pixel thread");
            return toneWithin(input, request, deadline);
        }
    }

    private ToneResult toneWithin(byte[] input, ToneRequest request, Deadline deadline) {
        long t0 = System.nanoTime();
        CodecScratch reuse = scratch.get();
        ImageDecoder.Decoded decoded =
                decoder.decode(input, request.scale().readsOnlyLuma(), reuse, deadline);
        long t1 = System.nanoTime();
        deadline.check("after decoding");
        ImageFormat format = request.format().orElse(decoded.format().answer());
        if (decoded.animation().isPresent() && format == ImageFormat.GIF) {
            // GIF to GIF: every frame converted through its palette, timings and looping kept; any
            // other output format gets the first frame, as Pillow's convert does.
            Animation toned = decoded.animation().get().mapPalettes(request.scale()::apply);
            long t2 = System.nanoTime();
            byte[] out = encoder.encode(toned, limits.maxAnswerBytes(), deadline);
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
        deadline.check("after the tone scale");
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
            return generateWithin(request, Deadline.NONE);
        }
    }

    /** As {@link #admitTone}: the request checked, its pixels taken at once or refused (503). */
    public PixelBudget.Lease admitGenerate(GenerateRequest request) {
        return admitGenerate(request, null);
    }

    /** As {@link #admitGenerate(GenerateRequest)}, beside the request's {@code body} lease. */
    public PixelBudget.Lease admitGenerate(GenerateRequest request, PixelBudget.Lease body) {
        request.check(limits, generator.octaves());
        return budget.acquire((long) request.count() * request.size() * request.size(), 0, 0, body);
    }

    /** As {@link #tone(byte[], ToneRequest, PixelBudget.Lease, Deadline)}, for generation. */
    public GenerateResult generate(
            GenerateRequest request, PixelBudget.Lease lease, Deadline deadline) {
        try (lease) {
            deadline.check("while it waited for a pixel thread");
            return generateWithin(request, deadline);
        }
    }

    private GenerateResult generateWithin(GenerateRequest request, Deadline deadline) {
        List<GenerateResult.GeneratedImage> images = new ArrayList<>(request.count());
        long generateNanos = 0;
        long encodeNanos = 0;
        long answerBytes = 0;
        for (int i = 0; i < request.count(); i++) {
            long seed = request.seed() + i;
            if (i > 0) {
                deadline.check("after " + i + " of " + request.count() + " images");
            }
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
