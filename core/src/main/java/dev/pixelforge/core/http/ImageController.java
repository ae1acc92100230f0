package dev.pixelforge.core.http;

import dev.pixelforge.core.image.Deadline;
import dev.pixelforge.core.image.GenerateRequest;
import dev.pixelforge.core.image.GenerateResult;
import dev.pixelforge.core.image.ImageFunction;
import dev.pixelforge.core.image.ImageLimits;
import dev.pixelforge.core.image.PixelBudget;
import dev.pixelforge.core.image.ToneRequest;
import dev.pixelforge.core.image.ToneResult;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;

import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The one API, served unchanged by Lambda, Cloud Functions and the container. Bodies arrive as
 * bytes and are parsed here, so that malformed JSON or base64 gets PixelForge's own error, not a
 * runtime-specific one.
 */
@Controller
public final class ImageController {

    private final ImageFunction function;
    private final InstanceInfo instance;
    private final RequestReader reader;
    private final PixelQueue pixels;

    public ImageController(
            ImageFunction function,
            InstanceInfo instance,
            RequestReader reader,
            PixelQueue pixels) {
        this.function = function;
        this.instance = instance;
        this.reader = reader;
        this.pixels = pixels;
    }

    /**
     * Runs where the request arrives (Netty's event loop on the container): it reads the image's
     * headers and takes its pixels from the budget at once, or refuses it (4xx, or 503 when the
     * budget or the pixel queue is full, or the work ahead of it would not be done within its
     * deadline: {@link PixelQueue}), then hands the pixel work to a pixel thread. A request that
     * waits or runs past its deadline anyway is refused there (503).
     */
    @Post(uri = "/tone", consumes = MediaType.ALL, produces = MediaType.ALL)
    public CompletableFuture<HttpResponse<?>> tone(
            HttpRequest<?> request,
            @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
            @Nullable @Body byte[] body) {
        Deadline deadline = deadline(request);
        byte[] bytes = body == null ? new byte[0] : body;
        reader.checkBody(bytes.length);
        if (RequestReader.isJson(contentType, bytes)) {
            ToneJson.Request json = reader.json(bytes, ToneJson.Request.class);
            ToneRequest tone = ToneParameters.fromJson(json, request.getParameters());
            byte[] image = reader.base64(json.image());
            return submitTone(
                    request,
                    image,
                    // the decoded image is held beside the body until the work ends
                    unleasedBody(request, bytes.length) + image.length,
                    tone,
                    deadline,
                    result ->
                            HttpResponse.ok(
                                    new ToneJson.Response(
                                            Base64.getEncoder().encodeToString(result.image()),
                                            result.format().imageIoName(),
                                            tone.scale().name(),
                                            result.width(),
                                            result.height())));
        }
        return submitTone(
                request,
                bytes,
                unleasedBody(request, bytes.length),
                ToneParameters.fromQuery(request.getParameters()),
                deadline,
                result -> HttpResponse.ok(result.image()).contentType(result.format().mimeType()));
    }

    /**
     * The body's bytes for the pixel work's lease to hold: none when {@link BodyBudgetFilter} took
     * them as the body arrived (its declared length), all of them otherwise (a chunked body).
     */
    private static long unleasedBody(HttpRequest<?> request, long bytes) {
        return BodyBudgetFilter.lease(request).isPresent() ? 0 : bytes;
    }

    /**
     * Admits {@code image} (its pixels, and {@code heldBytes} of the request's buffers, from the
     * budget, or 503 at once) and queues its tone work; {@code answer} shapes the result as the
     * request asked (JSON or the image itself).
     */
    private CompletableFuture<HttpResponse<?>> submitTone(
            HttpRequest<?> request,
            byte[] image,
            long heldBytes,
            ToneRequest tone,
            Deadline deadline,
            Function<ToneResult, HttpResponse<?>> answer) {
        PixelBudget.Lease lease =
                function.admitTone(image, heldBytes, BodyBudgetFilter.lease(request).orElse(null));
        return pixels.submit(
                PixelQueue.Kind.TONE,
                lease.pixels(),
                deadline,
                lease,
                () -> {
                    ToneResult result = function.tone(image, tone, lease, deadline);
                    TimingFilter.recordPhases(request, result.timings());
                    return answer.apply(result);
                });
    }

    /** As {@link #tone}: admitted where it arrives, generated on a pixel thread. */
    @Post(uri = "/generate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<GenerateJson.Response> generate(
            HttpRequest<?> request, @Nullable @Body byte[] body) {
        Deadline deadline = deadline(request);
        byte[] bytes = body == null ? new byte[0] : body;
        reader.checkBody(bytes.length);
        GenerateJson.Request json =
                bytes.length == 0
                        ? new GenerateJson.Request(null, null, null)
                        : reader.json(bytes, GenerateJson.Request.class);
        GenerateRequest generate =
                new GenerateRequest(
                        json.count() == null ? GenerateRequest.DEFAULT_COUNT : json.count(),
                        json.size() == null ? GenerateRequest.DEFAULT_SIZE : json.size(),
                        json.seed() == null ? 0L : json.seed());
        PixelBudget.Lease lease =
                function.admitGenerate(generate, BodyBudgetFilter.lease(request).orElse(null));
        return pixels.submit(
                PixelQueue.Kind.GENERATE,
                lease.pixels(),
                deadline,
                lease,
                () -> {
                    GenerateResult result = function.generate(generate, lease, deadline);
                    TimingFilter.recordPhases(request, result.timings());
                    Base64.Encoder base64 = Base64.getEncoder();
                    return new GenerateJson.Response(
                            result.generator(),
                            result.images().size(),
                            result.images().stream()
                                    .map(
                                            i ->
                                                    new GenerateJson.Image(
                                                            base64.encodeToString(i.png()),
                                                            "png",
                                                            i.size(),
                                                            i.size(),
                                                            i.seed()))
                                    .toList());
                });
    }

    /** {@code maxRequestMillis} from when the request came in (the timing filter's stamp). */
    private Deadline deadline(HttpRequest<?> request) {
        return Deadline.after(
                TimingFilter.startNanos(request).orElseGet(System::nanoTime),
                function.limits().maxRequestMillis());
    }

    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    public Health health(HttpRequest<?> request) {
        ImageLimits l = function.limits();
        Runtime rt = Runtime.getRuntime();
        return new Health(
                "ok",
                instance.target(),
                instance.instanceId(),
                TimingFilter.isCold(request),
                instance.uptimeMillis(),
                instance.version(),
                System.getProperty("java.vm.vendor")
                        + " "
                        + System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"),
                rt.availableProcessors(),
                rt.maxMemory(),
                l.describe());
    }
}
