package dev.pixelforge.cli.bench;

import dev.pixelforge.core.image.ImageDecoder;
import dev.pixelforge.core.image.ImageFormat;
import dev.pixelforge.core.image.ImageFunction;
import dev.pixelforge.core.image.ImageLimits;
import dev.pixelforge.core.image.Pixels;
import dev.pixelforge.core.image.ToneRequest;
import dev.pixelforge.core.image.ToneScale;
import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.standins.process.JavaRuntime;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first study's function body, PixelForge against Pillow, on the same images in one run:
 * decode, gray, encode in the same format (JPEG at quality 75), warm, median of several runs each.
 * Also the gray kernel alone on the largest image, in pixels read per second.
 */
public final class KernelVersusPillow {

    /** One image's comparison. */
    public record Row(
            StudyImage image,
            double oursMillis,
            double pillowMillis,
            long oursBytes,
            long pillowBytes,
            int maxDiff,
            double differingShare,
            double over4Share) {
        double ratio() {
            return oursMillis / pillowMillis;
        }

        double sizeRatio() {
            return oursBytes / (double) pillowBytes;
        }
    }

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private KernelVersusPillow() {}

    public static List<Row> run(
            List<StudyImage> images, int runs, Path scratch, Path script, PrintStream out)
            throws Exception {
        Files.createDirectories(scratch);
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Peers.PYTHON,
                                script.toString(),
                                Integer.toString(runs),
                                "75",
                                scratch.toString()));
        images.forEach(i -> cmd.add(i.file().toString()));
        out.println("Pillow: " + images.size() + " images, " + runs + " timed runs each ...");
        Process pillow =
                new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Map<String, Object>> theirs = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(pillow.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                theirs.add(JSON.readValue(line, Argument.mapOf(String.class, Object.class)));
            }
        }
        if (pillow.waitFor() != 0) {
            throw new IllegalStateException(
                    "the Pillow benchmark failed (exit " + pillow.exitValue() + ")");
        }
        // The JPEG rows measure this JVM's ImageIO codec: Debian's OpenJDK links libjpeg-turbo,
        // the platforms' portable JDKs bundle IJG libjpeg (PIXELFORGE_JAVA picks the other one).
        out.println(
                "PixelForge: the same, in this JVM (" + JavaRuntime.current().describe() + ") ...");
        ImageFunction function = new ImageFunction(ImageLimits.DEFAULTS);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULTS);
        ToneRequest gray = ToneRequest.gray();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            StudyImage image = images.get(i);
            byte[] input = Files.readAllBytes(image.file());
            // Warm for a second per image (at least three calls), so the JIT has compiled the hot
            // loops.
            long warmUntil = System.nanoTime() + 1_000_000_000L;
            for (int w = 0; w < 3 || System.nanoTime() < warmUntil; w++) {
                function.tone(input, gray);
            }
            double[] times = new double[runs];
            byte[] encoded = null;
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                encoded = function.tone(input, gray).image();
                times[r] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(times);
            Pixels ours =
                    ToneScale.parse("gray", Map.of()).apply(decoder.decodeLuma(input).pixels());
            byte[] pillowGray = Files.readAllBytes(scratch.resolve(image.name() + ".gray"));
            int max = 0;
            long differing = 0;
            long over4 = 0;
            for (int p = 0; p < pillowGray.length; p++) {
                int d = Math.abs((ours.data()[p] & 0xFF) - (pillowGray[p] & 0xFF));
                max = Math.max(max, d);
                differing += d > 0 ? 1 : 0;
                over4 += d > 4 ? 1 : 0;
            }
            Map<String, Object> t = theirs.get(i);
            rows.add(
                    new Row(
                            image,
                            times[runs / 2],
                            ((Number) t.get("seconds")).doubleValue() * 1000,
                            encoded.length,
                            ((Number) t.get("bytes")).longValue(),
                            max,
                            differing / (double) pillowGray.length,
                            over4 / (double) pillowGray.length));
        }
        return rows;
    }

    /**
     * The gray kernel alone (decoded pixels in, gray out) on {@code image}: median GB/s of pixels
     * read.
     */
    public static double grayKernelGbPerSecond(StudyImage image, int runs) throws IOException {
        Pixels rgb =
                new ImageDecoder(ImageLimits.DEFAULTS)
                        .decode(Files.readAllBytes(image.file()))
                        .pixels();
        ToneScale gray = ToneScale.parse("gray", Map.of());
        for (int w = 0; w < 10; w++) {
            gray.apply(rgb);
        }
        double[] seconds = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            gray.apply(rgb);
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        return rgb.data().length / seconds[runs / 2] / 1e9;
    }

    public static String table(List<Row> rows) {
        StringBuilder t =
                new StringBuilder(
                        "| image | PixelForge ms | Pillow ms | ratio | PixelForge bytes | Pillow"
                            + " bytes | size ratio | max gray diff | pixels differing | differing"
                            + " by > 4 |\n"
                            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            t.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.2f | %.2f | %.2fx | %d | %d | %.3fx | %d | %.2f%% | %.3f%%"
                                    + " |%n",
                            r.image().name(),
                            r.oursMillis(),
                            r.pillowMillis(),
                            r.ratio(),
                            r.oursBytes(),
                            r.pillowBytes(),
                            r.sizeRatio(),
                            r.maxDiff(),
                            r.differingShare() * 100,
                            r.over4Share() * 100));
        }
        return t.toString();
    }

    /** Each goal of the speed issue, with its measured figure and whether this run met it. */
    public static String goals(List<Row> rows, double grayGbPerSecond) {
        List<Row> jpeg = rows.stream().filter(r -> r.image().format() == ImageFormat.JPEG).toList();
        List<Row> png = rows.stream().filter(r -> r.image().format() == ImageFormat.PNG).toList();
        double worstJpeg = jpeg.stream().mapToDouble(Row::ratio).max().orElse(0);
        double worstLargeJpeg =
                jpeg.stream()
                        .filter(r -> r.image().pixels() >= 1920L * 1080)
                        .mapToDouble(Row::ratio)
                        .max()
                        .orElse(0);
        double worstPng = png.stream().mapToDouble(Row::ratio).max().orElse(0);
        double worstPngSize = png.stream().mapToDouble(Row::sizeRatio).max().orElse(0);
        int maxDiff = jpeg.stream().mapToInt(Row::maxDiff).max().orElse(0);
        double over4 = jpeg.stream().mapToDouble(Row::over4Share).max().orElse(0);
        return String.join(
                        "\n",
                        goal(
                                "JPEG time <= 1.0x Pillow on every image",
                                String.format(Locale.ROOT, "worst %.2fx", worstJpeg),
                                worstJpeg <= 1.0),
                        goal(
                                "JPEG time <= 0.8x Pillow from 1920x1080 up",
                                String.format(Locale.ROOT, "worst %.2fx", worstLargeJpeg),
                                worstLargeJpeg <= 0.8),
                        goal(
                                "gray within 4 levels of Pillow's convert('L'), over 4 on < 1% of"
                                        + " pixels (JPEG)",
                                String.format(
                                        Locale.ROOT,
                                        "max %d levels, %.3f%% over 4",
                                        maxDiff,
                                        over4 * 100),
                                over4 < 0.01),
                        goal(
                                "PNG time <= 1.0x Pillow on every image",
                                String.format(Locale.ROOT, "worst %.2fx", worstPng),
                                worstPng <= 1.0),
                        goal(
                                "PNG size <= 1.05x Pillow's",
                                String.format(Locale.ROOT, "worst %.3fx", worstPngSize),
                                worstPngSize <= 1.05),
                        goal(
                                "gray kernel >= 4 GB/s of pixels read (7680x4320)",
                                String.format(Locale.ROOT, "%.2f GB/s", grayGbPerSecond),
                                grayGbPerSecond >= 4))
                + "\n";
    }

    private static String goal(String what, String measured, boolean met) {
        return String.format(Locale.ROOT, "- %s: %s, %s", what, measured, met ? "met" : "NOT met");
    }
}
