package dev.pixelforge.core.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.image.ImageFormat;
import dev.pixelforge.core.image.ImageFunction;
import dev.pixelforge.core.image.ImageLimits;
import dev.pixelforge.core.image.ToneRequest;
import dev.pixelforge.core.image.ToneScale;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The API contract every target must keep. A target module extends this class and returns its
 * {@link Backend}; the cases never know which platform they talk to. A case a target cannot pass is
 * overridden there with {@code @Disabled("reason")}, never deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ImageApiContract {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    /**
     * The comparison page runs on its own port, another origin. It is a loopback origin because
     * Micronaut refuses cross-origin calls to a loopback-bound server from non-loopback pages (its
     * CORS "localhost pass-through" guard); deployed targets are not bound to loopback.
     */
    private static final String PAGE_ORIGIN = "http://127.0.0.1:5173";

    private static final byte[] PNG = ContractImages.png(64, 48, false);
    private static final byte[] PNG_ALPHA = ContractImages.png(40, 30, true);
    private static final byte[] JPEG = ContractImages.jpeg(64, 48);

    /** The kernel, run in the test JVM: what every target must return byte for byte. */
    private final ImageFunction local = new ImageFunction(ImageLimits.DEFAULTS);

    private Backend backend;

    /** Starts the target fresh: its first request must be the process's first. */
    protected abstract Backend startBackend() throws Exception;

    @BeforeAll
    void startTarget() throws Exception {
        backend = startBackend();
    }

    @AfterAll
    void stopTarget() throws Exception {
        if (backend != null) {
            backend.close();
        }
    }

    protected Reply send(Call call) throws Exception {
        return backend.send(call);
    }

    @Test
    @Order(1)
    void firstRequestOfTheProcess_isCold_andTheNextIsNot() throws Exception {
        Reply first = send(Call.get("/health"));
        Reply second = send(Call.get("/health"));
        assertEquals(Optional.of("true"), first.header("X-PixelForge-Cold"), first::toString);
        assertEquals(true, json(first).get("cold"));
        assertEquals(Optional.of("false"), second.header("X-PixelForge-Cold"), second::toString);
        assertEquals(false, json(second).get("cold"));
    }

    @Test
    void health_namesTargetInstanceAndLimits() throws Exception {
        Reply reply = send(Call.get("/health"));
        Map<String, Object> body = json(reply);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(backend.target(), body.get("target"));
        assertEquals(reply.header("X-PixelForge-Instance").orElseThrow(), body.get("instance"));
        assertEquals("ok", body.get("status"));
        assertTrue(((Map<?, ?>) body.get("limits")).get("maxBodyBytes") instanceof Number);
    }

    static Stream<Arguments> everyKindOfResponse() {
        return Stream.of(
                Arguments.of("health", Call.get("/health")),
                Arguments.of("tone", Call.post("/tone", "image/png", PNG)),
                Arguments.of(
                        "generate",
                        Call.post(
                                "/generate",
                                "application/json",
                                "{\"count\":1,\"size\":16}".getBytes(StandardCharsets.UTF_8))),
                Arguments.of(
                        "client error",
                        Call.post("/tone", "image/png", "hello".getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfResponse")
    void everyResponse_carriesTimingIdentityAndCorsExposure(String kind, Call call)
            throws Exception {
        Reply reply = send(call);
        String timing = reply.header("Server-Timing").orElse("");
        assertAll(
                () ->
                        assertTrue(
                                timing.matches(".*\\bapp;dur=\\d+\\.\\d{3}$"),
                                "Server-Timing: " + timing),
                () ->
                        assertEquals(
                                Optional.of(backend.target()), reply.header("X-PixelForge-Target")),
                () ->
                        assertTrue(
                                reply.header("X-PixelForge-Instance")
                                        .orElse("")
                                        .matches("[0-9a-f]{8}"),
                                reply::toString),
                () ->
                        assertTrue(
                                reply.header("X-PixelForge-Cold").orElse("").matches("true|false")),
                () -> assertEquals(Optional.of("*"), reply.header("Timing-Allow-Origin")),
                () ->
                        assertExposes(
                                reply,
                                "Server-Timing",
                                "X-PixelForge-Target",
                                "X-PixelForge-Instance",
                                "X-PixelForge-Cold"));
    }

    @Test
    void tone_timesEachPhase() throws Exception {
        Reply reply = send(Call.post("/tone", "image/png", PNG));
        String timing = reply.header("Server-Timing").orElse("");
        assertTrue(
                timing.matches(
                        "decode;dur=[0-9.]+, tone;dur=[0-9.]+, encode;dur=[0-9.]+,"
                                + " app;dur=[0-9.]+"),
                timing);
        double app = serverTiming(timing, "app");
        double parts =
                serverTiming(timing, "decode")
                        + serverTiming(timing, "tone")
                        + serverTiming(timing, "encode");
        assertTrue(
                parts <= app, "kernel phases " + parts + " ms must fit inside app " + app + " ms");
    }

    static Stream<Arguments> scalesAndFormats() {
        List<String> scales = List.of("gray", "sepia", "tint&color=3366CC", "threshold&level=100");
        return scales.stream()
                .flatMap(s -> Stream.of(Arguments.of(s, "png"), Arguments.of(s, "jpeg")));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scalesAndFormats")
    void toneRaw_everyScaleOnPngAndJpeg_returnsTheKernelsBytes(String scaleSpec, String format)
            throws Exception {
        byte[] input = format.equals("png") ? PNG : JPEG;
        Call call = Call.post("/tone", "image/" + format, input);
        for (String part : scaleSpec.split("&")) {
            String[] kv = part.contains("=") ? part.split("=", 2) : new String[] {"scale", part};
            call = call.withQuery(kv[0], kv[1]);
        }
        Reply reply = send(call);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(
                Optional.of("image/" + format),
                reply.header("Content-Type").map(ImageApiContract::mediaType));
        byte[] expected = local.tone(input, toneRequest(call.query())).image();
        assertArrayEquals(
                expected,
                reply.body(),
                "the target's " + scaleSpec + " " + format + " differs from the kernel's");
    }

    @Test
    void toneRaw_grayPng_isPillowLumaOfEveryPixel() throws Exception {
        Reply reply =
                send(
                        Call.post("/tone", "application/octet-stream", PNG)
                                .withQuery("scale", "gray"));
        BufferedImage in = ContractImages.read(PNG);
        BufferedImage out = ContractImages.read(reply.body());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, out.getType());
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                int rgb = in.getRGB(x, y);
                int luma =
                        (((rgb >> 16) & 0xFF) * 19595
                                        + ((rgb >> 8) & 0xFF) * 38470
                                        + (rgb & 0xFF) * 7471
                                        + 32768)
                                >> 16;
                assertEquals(luma, out.getRaster().getSample(x, y, 0), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void toneJson_base64AsTheStudiesSentIt_returnsTheSameImageAsRaw() throws Exception {
        String body =
                "{\"image\":\""
                        + Base64.getEncoder().encodeToString(JPEG)
                        + "\",\"scale\":\"sepia\"}";
        Reply reply =
                send(Call.post("/tone", "application/json", body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, reply.status(), reply::toString);
        Map<String, Object> json = json(reply);
        assertEquals("jpeg", json.get("format"));
        assertEquals("sepia", json.get("scale"));
        assertEquals(64, ((Number) json.get("width")).intValue());
        assertEquals(48, ((Number) json.get("height")).intValue());
        byte[] raw =
                send(Call.post("/tone", "image/jpeg", JPEG).withQuery("scale", "sepia")).body();
        assertArrayEquals(raw, Base64.getDecoder().decode((String) json.get("image")));
    }

    @Test
    void toneJson_sentAsTextPlain_isStillReadAsJson() throws Exception {
        String body = "{\"image\":\"" + Base64.getEncoder().encodeToString(PNG) + "\"}";
        Reply reply = send(Call.post("/tone", "text/plain", body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("gray", json(reply).get("scale"));
    }

    @Test
    void tone_rgbaPng_keepsEveryAlphaValue() throws Exception {
        for (String scale : List.of("gray", "sepia", "threshold")) {
            Reply reply =
                    send(Call.post("/tone", "image/png", PNG_ALPHA).withQuery("scale", scale));
            assertEquals(200, reply.status(), reply::toString);
            BufferedImage in = ContractImages.read(PNG_ALPHA);
            BufferedImage out = ContractImages.read(reply.body());
            assertTrue(out.getColorModel().hasAlpha(), scale + " dropped the alpha channel");
            int inAlpha = in.getRaster().getNumBands() - 1;
            int outAlpha = out.getRaster().getNumBands() - 1;
            for (int x = 0; x < in.getWidth(); x++) {
                assertEquals(
                        in.getRaster().getSample(x, 7, inAlpha),
                        out.getRaster().getSample(x, 7, outAlpha),
                        scale + " alpha at x=" + x);
            }
        }
    }

    @Test
    void tone_formatJpeg_convertsPngToJpegAtTheAskedQuality() throws Exception {
        Reply low =
                send(
                        Call.post("/tone", "image/png", PNG)
                                .withQuery("format", "jpeg")
                                .withQuery("quality", "20"));
        Reply high =
                send(
                        Call.post("/tone", "image/png", PNG)
                                .withQuery("format", "jpeg")
                                .withQuery("quality", "95"));
        assertEquals(
                Optional.of("image/jpeg"),
                low.header("Content-Type").map(ImageApiContract::mediaType));
        assertEquals(ImageFormat.JPEG, ImageFormat.sniff(low.body()).orElseThrow());
        assertTrue(
                low.body().length < high.body().length,
                "quality 20 should be smaller than quality 95");
    }

    @Test
    void generate_sameSeedGivesSameBytes_andCountImages() throws Exception {
        byte[] request = "{\"count\":2,\"size\":32,\"seed\":7}".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> a = json(send(Call.post("/generate", "application/json", request)));
        Map<String, Object> b = json(send(Call.post("/generate", "application/json", request)));
        List<?> imagesA = (List<?>) a.get("images");
        assertEquals(2, imagesA.size());
        assertEquals(imagesA, b.get("images"), "same seed, different images");
        byte[] first =
                Base64.getDecoder().decode((String) ((Map<?, ?>) imagesA.get(0)).get("image"));
        byte[] second =
                Base64.getDecoder().decode((String) ((Map<?, ?>) imagesA.get(1)).get("image"));
        assertEquals(32, ContractImages.read(first).getWidth());
        assertFalse(Arrays.equals(first, second), "image 1 and 2 of one request share a seed");
    }

    @Test
    void generate_timesGenerateAndEncode_andDifferentSeedsDiffer() throws Exception {
        Reply a =
                send(
                        Call.post(
                                "/generate",
                                "application/json",
                                "{\"size\":24,\"seed\":1}".getBytes(StandardCharsets.UTF_8)));
        Reply b =
                send(
                        Call.post(
                                "/generate",
                                "application/json",
                                "{\"size\":24,\"seed\":2}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(
                a.header("Server-Timing")
                        .orElse("")
                        .matches("generate;dur=[0-9.]+, encode;dur=[0-9.]+, app;dur=[0-9.]+"),
                a::toString);
        assertNotEquals(json(a).get("images"), json(b).get("images"));
    }

    @Test
    void corsPreflight_letsAPageOnAnotherOriginPostImages() throws Exception {
        Reply reply =
                send(
                        new Call(
                                "OPTIONS",
                                "/tone",
                                Map.of(),
                                Map.of(
                                        "Origin", PAGE_ORIGIN,
                                        "Access-Control-Request-Method", "POST",
                                        "Access-Control-Request-Headers", "content-type"),
                                new byte[0]));
        assertTrue(reply.status() == 200 || reply.status() == 204, reply::toString);
        assertTrue(
                reply.header("Access-Control-Allow-Origin")
                        .filter(o -> o.equals("*") || o.equals(PAGE_ORIGIN))
                        .isPresent(),
                reply::toString);
        assertTrue(
                reply.header("Access-Control-Allow-Methods").orElse("").contains("POST"),
                reply::toString);
        assertTrue(
                reply.header("Access-Control-Allow-Headers")
                        .orElse("")
                        .toLowerCase()
                        .contains("content-type"),
                reply::toString);
    }

    @Test
    void corsRequest_fromAnotherOrigin_mayReadTheTimingHeaders() throws Exception {
        Reply reply = send(Call.post("/tone", "image/png", PNG).withHeader("Origin", PAGE_ORIGIN));
        assertEquals(200, reply.status());
        assertTrue(
                reply.header("Access-Control-Allow-Origin")
                        .filter(o -> o.equals("*") || o.equals(PAGE_ORIGIN))
                        .isPresent(),
                reply::toString);
        assertExposes(reply, "Server-Timing", "X-PixelForge-Cold");
    }

    /**
     * Files from the wild (issue 14): what the kernel returns for each, and what content type says
     * so.
     */
    static Stream<Arguments> wildFiles() {
        return Stream.of(
                Arguments.of("cmyk-adobe.jpg", "image/jpeg"),
                Arguments.of("cmyk-plain.jpg", "image/jpeg"),
                Arguments.of("ycck-adobe.jpg", "image/jpeg"),
                Arguments.of("orientation-6.jpg", "image/jpeg"),
                Arguments.of("orientation-5.png", "image/png"),
                Arguments.of("display-p3.png", "image/png"),
                Arguments.of("display-p3.jpg", "image/jpeg"),
                Arguments.of("display-p3.webp", "image/png"),
                Arguments.of("display-p3.tif", "image/tiff"),
                Arguments.of("cmyk-icc.jpg", "image/jpeg"),
                Arguments.of("animated.gif", "image/gif"),
                Arguments.of("moving.gif", "image/gif"),
                Arguments.of("gray-transparent.gif", "image/gif"),
                Arguments.of("lossless.webp", "image/png"),
                Arguments.of("lossy.webp", "image/png"),
                Arguments.of("alpha.webp", "image/png"),
                Arguments.of("rgb.tif", "image/tiff"),
                Arguments.of("rgb-lzw.tif", "image/tiff"),
                Arguments.of("cmyk.tif", "image/tiff"),
                Arguments.of("interlaced.png", "image/png"),
                Arguments.of("trns-rgb.png", "image/png"),
                Arguments.of("trns-gray.png", "image/png"),
                Arguments.of("palette-1bit.png", "image/png"),
                Arguments.of("palette-2bit.png", "image/png"),
                Arguments.of("palette-4bit.png", "image/png"),
                Arguments.of("rgb16.png", "image/png"),
                Arguments.of("restart-markers.jpg", "image/jpeg"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wildFiles")
    void toneRaw_fileFromTheWild_returnsTheKernelsBytes_inTheAnswerFormat(
            String file, String answerType) throws Exception {
        // The kernel's answers are checked against Pillow's in core (WildFilesMatchPillowTest,
        // AnimatedGifTest);
        // here every target must return them unchanged, whatever its transport does to binary
        // bodies.
        byte[] input = WildFiles.bytes(file);
        for (String scale : List.of("gray", "sepia")) {
            Reply reply =
                    send(
                            Call.post("/tone", "application/octet-stream", input)
                                    .withQuery("scale", scale));
            assertEquals(200, reply.status(), reply::toString);
            assertEquals(
                    Optional.of(answerType),
                    reply.header("Content-Type").map(ImageApiContract::mediaType),
                    file);
            byte[] expected = local.tone(input, toneRequest(Map.of("scale", scale))).image();
            assertArrayEquals(
                    expected,
                    reply.body(),
                    "the target's " + scale + " of " + file + " differs from the kernel's");
        }
    }

    @Test
    void toneRaw_cmykJpeg_everyScaleAnswers_andGrayIsPillowsByteForByte() throws Exception {
        byte[] cmyk = WildFiles.bytes("cmyk-adobe.jpg");
        for (String scale : List.of("gray", "sepia", "tint", "threshold")) {
            Reply reply =
                    send(
                            Call.post("/tone", "image/jpeg", cmyk)
                                    .withQuery("scale", scale)
                                    .withQuery("format", "png"));
            assertEquals(200, reply.status(), reply::toString);
            assertArrayEquals(
                    local.tone(cmyk, toneRequest(Map.of("scale", scale, "format", "png"))).image(),
                    reply.body(),
                    scale);
        }
        Reply gray = send(Call.post("/tone", "image/jpeg", cmyk).withQuery("format", "png"));
        BufferedImage ours = ContractImages.read(gray.body());
        BufferedImage pillow = ContractImages.read(WildFiles.bytes("cmyk-adobe.jpg.L.png"));
        assertArrayEquals(
                pillow.getRaster().getPixels(0, 0, 64, 48, (int[]) null),
                ours.getRaster().getPixels(0, 0, 64, 48, (int[]) null));
    }

    @Test
    void toneRaw_exifRotatedPhoto_comesBackUpright_withNoOrientationLeftToApply() throws Exception {
        Reply reply = send(Call.post("/tone", "image/jpeg", WildFiles.bytes("orientation-6.jpg")));
        assertEquals(200, reply.status(), reply::toString);
        BufferedImage upright = ContractImages.read(reply.body());
        assertEquals(48, upright.getWidth(), "stored 64x48 with orientation 6: shown 48 wide");
        assertEquals(64, upright.getHeight());
        assertFalse(
                new String(reply.body(), StandardCharsets.ISO_8859_1).contains("Exif\0\0"),
                "the answer still carries EXIF");
    }

    @Test
    void toneRaw_animatedGif_keepsEveryFrame_andTimesThemAll() throws Exception {
        Reply reply = send(Call.post("/tone", "image/gif", WildFiles.bytes("animated.gif")));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(3, ContractImages.frameCount(reply.body()));
        assertTrue(
                reply.header("Server-Timing")
                        .orElse("")
                        .matches(
                                "decode;dur=[0-9.]+, tone;dur=[0-9.]+, encode;dur=[0-9.]+,"
                                        + " app;dur=[0-9.]+"),
                reply::toString);
    }

    @Test
    void toneRaw_formatTiff_answersATiff() throws Exception {
        Reply reply = send(Call.post("/tone", "image/png", PNG).withQuery("format", "tiff"));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(
                Optional.of("image/tiff"),
                reply.header("Content-Type").map(ImageApiContract::mediaType));
        assertEquals(64, ContractImages.read(reply.body()).getWidth());
    }

    static Stream<Arguments> clientFaults() {
        byte[] truncatedPng = Arrays.copyOf(PNG, PNG.length / 2);
        byte[] truncatedJpeg = Arrays.copyOf(JPEG, JPEG.length / 2);
        byte[] json = "{\"image\":\"%%% not base64 %%%\"}".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of(
                        "text instead of an image",
                        Call.post(
                                "/tone",
                                "image/png",
                                "just some text".getBytes(StandardCharsets.UTF_8)),
                        400,
                        "not_an_image"),
                Arguments.of(
                        "empty body",
                        Call.post("/tone", "image/png", new byte[0]),
                        400,
                        "empty_body"),
                Arguments.of(
                        "truncated PNG",
                        Call.post("/tone", "image/png", truncatedPng),
                        400,
                        "truncated_image"),
                Arguments.of(
                        "truncated JPEG",
                        Call.post("/tone", "image/jpeg", truncatedJpeg),
                        400,
                        "truncated_image"),
                Arguments.of(
                        "bad base64",
                        Call.post("/tone", "application/json", json),
                        400,
                        "bad_base64"),
                Arguments.of(
                        "malformed JSON",
                        Call.post(
                                "/tone",
                                "application/json",
                                "{\"image\": ".getBytes(StandardCharsets.UTF_8)),
                        400,
                        "bad_json"),
                Arguments.of(
                        "unknown scale",
                        Call.post("/tone", "image/png", PNG).withQuery("scale", "purple"),
                        400,
                        "bad_parameter"),
                Arguments.of(
                        "bad tint colour",
                        Call.post("/tone", "image/png", PNG)
                                .withQuery("scale", "tint")
                                .withQuery("color", "red"),
                        400,
                        "bad_parameter"),
                Arguments.of(
                        "threshold level 300",
                        Call.post("/tone", "image/png", PNG)
                                .withQuery("scale", "threshold")
                                .withQuery("level", "300"),
                        400,
                        "bad_parameter"),
                Arguments.of(
                        "quality 0",
                        Call.post("/tone", "image/png", PNG)
                                .withQuery("format", "jpeg")
                                .withQuery("quality", "0"),
                        400,
                        "bad_parameter"),
                Arguments.of(
                        "format webp (no encoder)",
                        Call.post("/tone", "image/png", PNG).withQuery("format", "webp"),
                        400,
                        "bad_parameter"),
                Arguments.of(
                        "100000x100000 declared",
                        Call.post(
                                "/tone",
                                "image/png",
                                ContractImages.pngDeclaring(100_000, 100_000)),
                        413,
                        "too_many_pixels"),
                Arguments.of(
                        "TIFF declaring 60000x60000",
                        Call.post(
                                "/tone",
                                "image/tiff",
                                ContractImages.tiffDeclaring(60_000, 60_000)),
                        413,
                        "too_many_pixels"),
                Arguments.of(
                        "WebP declaring 60000x60000",
                        Call.post(
                                "/tone",
                                "image/webp",
                                ContractImages.webpDeclaring(60_000, 60_000)),
                        413,
                        "too_many_pixels"),
                Arguments.of(
                        "GIF of 501 frames",
                        Call.post("/tone", "image/gif", HostileFiles.gifFrames(501)),
                        413,
                        "too_many_frames"),
                Arguments.of(
                        "TIFF 16x16 in a 60000x60000 tile",
                        Call.post("/tone", "image/tiff", HostileFiles.tiffHugeTile()),
                        413,
                        "tile_too_large"),
                Arguments.of(
                        "TIFF 32-bit samples",
                        Call.post("/tone", "image/tiff", HostileFiles.tiffWideSamples()),
                        415,
                        "unsupported_format"),
                Arguments.of(
                        "BMP pixels declared at 2 GB",
                        Call.post("/tone", "image/bmp", HostileFiles.bmpPixelsPastTheEnd()),
                        400,
                        "truncated_image"),
                Arguments.of(
                        "PNG 36 Mpx in an 8-byte zlib stream",
                        Call.post("/tone", "image/png", HostileFiles.pngRasterTheDataCannotFill()),
                        400,
                        "inconsistent_image"),
                Arguments.of(
                        "arithmetic-coded JPEG",
                        Call.post("/tone", "image/jpeg", WildFiles.bytes("arithmetic.jpg")),
                        415,
                        "unsupported_format"),
                Arguments.of(
                        "JPEG XL",
                        Call.post("/tone", "image/jxl", new byte[] {(byte) 0xFF, 0x0A, 0, 0, 0, 0}),
                        415,
                        "unsupported_format"),
                Arguments.of(
                        "HEIF",
                        Call.post("/tone", "image/heic", ContractImages.heif()),
                        415,
                        "unsupported_format"),
                Arguments.of(
                        "WebP header alone",
                        Call.post("/tone", "image/webp", ContractImages.webp()),
                        400,
                        "not_an_image"),
                Arguments.of("unknown route", Call.get("/nowhere"), 404, "not_found"),
                Arguments.of("GET on /tone", Call.get("/tone"), 405, "method_not_allowed"),
                Arguments.of(
                        "generate count 0",
                        Call.post(
                                "/generate",
                                "application/json",
                                "{\"count\":0}".getBytes(StandardCharsets.UTF_8)),
                        400,
                        "bad_parameter"),
                Arguments.of(
                        "generate too many pixels",
                        Call.post(
                                "/generate",
                                "application/json",
                                "{\"count\":16,\"size\":2048}".getBytes(StandardCharsets.UTF_8)),
                        413,
                        "too_many_pixels"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("clientFaults")
    void clientFault_getsJsonErrorSayingWhatToFix_andTheInstanceKeepsServing(
            String name, Call call, int status, String code) throws Exception {
        String instance = send(Call.get("/health")).header("X-PixelForge-Instance").orElseThrow();
        Reply reply = send(call);
        assertError(reply, status, code);
        Reply after = send(Call.post("/tone", "image/png", PNG));
        assertEquals(200, after.status(), "the instance stopped serving after " + name);
        assertEquals(
                Optional.of(instance),
                after.header("X-PixelForge-Instance"),
                "the instance was replaced after " + name);
    }

    @Test
    protected void bodyOverTheLimit_gets413() throws Exception {
        long limit =
                ((Number)
                                ((Map<?, ?>) json(send(Call.get("/health"))).get("limits"))
                                        .get("maxBodyBytes"))
                        .longValue();
        byte[] body = Arrays.copyOf(PNG, Math.toIntExact(limit + 1));
        assertError(send(Call.post("/tone", "image/png", body)), 413, "body_too_large");
    }

    @Test
    void answerOverTheTargetsLimit_gets413_namingAFormatToAskForInstead() throws Exception {
        long limit =
                ((Number)
                                ((Map<?, ?>) json(send(Call.get("/health"))).get("limits"))
                                        .get("maxAnswerBytes"))
                        .longValue();
        // One colour compresses to almost nothing as PNG; as a colour BMP it is 3 bytes a pixel.
        int side = (int) Math.sqrt(limit / 3.0) + 16;
        BufferedImage flat = new BufferedImage(side, side, BufferedImage.TYPE_3BYTE_BGR);
        byte[] png = ContractImages.write(flat, "png");
        Reply reply =
                send(
                        Call.post("/tone", "image/png", png)
                                .withQuery("scale", "sepia")
                                .withQuery("format", "bmp"));
        assertError(reply, 413, "answer_too_large");
        assertTrue(reply.text().contains("format=jpeg"), reply::toString);
    }

    private static void assertError(Reply reply, int status, String code) throws IOException {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(
                Optional.of("application/json"),
                reply.header("Content-Type").map(ImageApiContract::mediaType),
                reply::toString);
        Map<String, Object> body = json(reply);
        assertEquals(code, body.get("error"), reply::toString);
        String message = (String) body.get("message");
        assertTrue(
                message != null && message.length() > 15,
                "the message must say what to fix: " + reply);
        assertFalse(
                reply.text().contains("\tat ") || reply.text().contains("Exception"),
                "a stack trace leaked: " + reply);
    }

    private static void assertExposes(Reply reply, String... headers) {
        String exposed = reply.header("Access-Control-Expose-Headers").orElse("").toLowerCase();
        for (String h : headers) {
            assertTrue(
                    exposed.contains(h.toLowerCase()),
                    h + " is not exposed to other origins: " + reply.headers());
        }
    }

    private static ToneRequest toneRequest(Map<String, String> query) {
        String format = query.get("format");
        return new ToneRequest(
                ToneScale.parse(query.get("scale"), query),
                format == null ? Optional.empty() : Optional.of(ImageFormat.parse(format)),
                75);
    }

    private static double serverTiming(String header, String metric) {
        for (String part : header.split(",\\s*")) {
            if (part.startsWith(metric + ";dur=")) {
                return Double.parseDouble(part.substring(metric.length() + 5));
            }
        }
        throw new AssertionError(metric + " missing from Server-Timing: " + header);
    }

    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase();
    }

    static Map<String, Object> json(Reply reply) throws IOException {
        return JSON.readValue(reply.body(), Argument.mapOf(String.class, Object.class));
    }
}
