package dev.pixelforge.core.http;

import dev.pixelforge.core.image.GenerateRequest;
import dev.pixelforge.core.image.GenerateResult;
import dev.pixelforge.core.image.ImageFunction;
import dev.pixelforge.core.image.ImageLimits;
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
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Base64;

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

    public ImageController(ImageFunction function, InstanceInfo instance, RequestReader reader) {
        this.function = function;
        this.instance = instance;
        this.reader = reader;
    }

    @Post(uri = "/tone", consumes = MediaType.ALL, produces = MediaType.ALL)
    @ExecuteOn(PixelWorkers.NAME)
    public HttpResponse<?> tone(
            HttpRequest<?> request,
            @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
            @Nullable @Body byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        reader.checkBody(bytes.length);
        if (RequestReader.isJson(contentType, bytes)) {
            ToneJson.Request json = reader.json(bytes, ToneJson.Request.class);
            ToneRequest tone = ToneParameters.fromJson(json, request.getParameters());
            ToneResult result = function.tone(reader.base64(json.image()), tone);
            TimingFilter.recordPhases(request, result.timings());
            return HttpResponse.ok(
                    new ToneJson.Response(
                            Base64.getEncoder().encodeToString(result.image()),
                            result.format().imageIoName(),
                            tone.scale().name(),
                            result.width(),
                            result.height()));
        }
        ToneResult result = function.tone(bytes, ToneParameters.fromQuery(request.getParameters()));
        TimingFilter.recordPhases(request, result.timings());
        return HttpResponse.ok(result.image()).contentType(result.format().mimeType());
    }

    @Post(uri = "/generate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(PixelWorkers.NAME)
    public GenerateJson.Response generate(HttpRequest<?> request, @Nullable @Body byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        reader.checkBody(bytes.length);
        GenerateJson.Request json =
                bytes.length == 0
                        ? new GenerateJson.Request(null, null, null)
                        : reader.json(bytes, GenerateJson.Request.class);
        GenerateResult result =
                function.generate(
                        new GenerateRequest(
                                json.count() == null ? GenerateRequest.DEFAULT_COUNT : json.count(),
                                json.size() == null ? GenerateRequest.DEFAULT_SIZE : json.size(),
                                json.seed() == null ? 0L : json.seed()));
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
