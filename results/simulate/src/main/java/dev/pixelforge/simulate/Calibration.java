package dev.pixelforge.simulate;

import dev.pixelforge.platform.Target;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the simulator draws from, per target, and where it came from. Stored as a versioned
 * properties file ({@value #FORMAT} is the format): {@code provenance.*} says how it was measured
 * (source, machine, date, JDK, the deployables' and profile's hashes when they were measured here),
 * and per target its CPU share and every measured value, in microseconds, as comma lists:
 *
 * <pre>
 * aws-lambda.cpus=0.579
 * aws-lambda.ready-us=812000,790500,...          spawn to ready (Lambda: Init Duration)
 * aws-lambda.first-app-us=301000,...             an instance's first request, process time
 * aws-lambda.front-us=1200,900,...               round trip minus process time, warm, on loopback
 * aws-lambda.refusal-us=900,...                  a refused request's round trip, on loopback
 * aws-lambda.image.0640x0480-jpeg.request-bytes=52000
 * aws-lambda.image.0640x0480-jpeg.response-bytes=31000
 * aws-lambda.image.0640x0480-jpeg.app-us=12000,11800,...
 * aws-lambda.image.0640x0480-jpeg.hold-us=41000,...   the platform's duration minus app
 * aws-lambda.image.0640x0480-jpeg.pixel-us=9000,...   decode + tone + encode, of app
 * aws-lambda.image.0640x0480-jpeg.front-us=5200,...   round trip minus the lease, warm
 * aws-lambda.image.0640x0480-jpeg.admit-us=1000,...   a refusal's round trip (where measured)
 * </pre>
 */
public record Calibration(Map<String, String> provenance, Map<Target, TargetCalibration> targets) {

    /**
     * 2: per image, the pixel phases, the front's time, and its time before admission ({@code
     * admit-us}) where measured.
     */
    public static final int FORMAT = 3;

    public Calibration {
        provenance = Map.copyOf(provenance);
        targets = Map.copyOf(targets);
    }

    /** The same calibration with {@code target}'s replaced. */
    public Calibration with(TargetCalibration target) {
        Map<Target, TargetCalibration> all = new EnumMap<>(Target.class);
        all.putAll(targets); // EnumMap's copy constructor refuses an empty map of another kind
        all.put(target.target(), target);
        return new Calibration(provenance, all);
    }

    public TargetCalibration of(Target target) {
        TargetCalibration c = targets.get(target);
        if (c == null) {
            throw new IllegalArgumentException(
                    "the calibration has no "
                            + target.id()
                            + " (it has "
                            + targets.keySet().stream().map(Target::id).toList()
                            + ")");
        }
        return c;
    }

    /**
     * The measurements of {@code parts} pooled per target and image (rounds of one calibration);
     * each target's CPU share must be the same in every part.
     */
    public static Calibration merge(List<Calibration> parts, Map<String, String> provenance) {
        Map<Target, TargetCalibration> merged = new EnumMap<>(Target.class);
        for (Target t : Target.values()) {
            List<TargetCalibration> of =
                    parts.stream()
                            .filter(c -> c.targets.containsKey(t))
                            .map(c -> c.targets.get(t))
                            .toList();
            if (of.isEmpty()) {
                continue;
            }
            if (of.stream().mapToDouble(TargetCalibration::cpus).distinct().count() > 1) {
                throw new IllegalArgumentException(
                        t.id() + " was measured at different CPU shares: they cannot be pooled");
            }
            Map<String, ImageCalibration> images = new LinkedHashMap<>();
            for (String image :
                    of.stream().flatMap(c -> c.images().keySet().stream()).distinct().toList()) {
                List<ImageCalibration> is =
                        of.stream()
                                .map(c -> c.images().get(image))
                                .filter(Objects::nonNull)
                                .toList();
                List<Distribution> admitted =
                        is.stream().flatMap(i -> i.admitMicros().stream()).toList();
                images.put(
                        image,
                        new ImageCalibration(
                                image,
                                is.get(0).requestBytes(),
                                is.get(0).responseBytes(),
                                Distribution.concat(
                                        is.stream().map(ImageCalibration::appMicros).toList()),
                                Distribution.concat(
                                        is.stream().map(ImageCalibration::holdMicros).toList()),
                                Distribution.concat(
                                        is.stream().map(ImageCalibration::pixelMicros).toList()),
                                Distribution.concat(
                                        is.stream().map(ImageCalibration::frontMicros).toList()),
                                admitted.isEmpty()
                                        ? Optional.empty()
                                        : Optional.of(Distribution.concat(admitted))));
            }
            merged.put(
                    t,
                    new TargetCalibration(
                            t,
                            of.get(0).cpus(),
                            Distribution.concat(
                                    of.stream().map(TargetCalibration::readyMicros).toList()),
                            Distribution.concat(
                                    of.stream().map(TargetCalibration::firstAppMicros).toList()),
                            Distribution.concat(
                                    of.stream().map(TargetCalibration::frontMicros).toList()),
                            Distribution.concat(
                                    of.stream().map(TargetCalibration::refusalMicros).toList()),
                            images));
        }
        return new Calibration(provenance, merged);
    }

    public void write(Path file) throws IOException {
        Map<String, String> lines = new TreeMap<>();
        lines.put("format", Integer.toString(FORMAT));
        provenance.forEach((k, v) -> lines.put("provenance." + k, v));
        for (TargetCalibration t : targets.values()) {
            String p = t.target().id() + ".";
            lines.put(p + "cpus", Double.toString(t.cpus()));
            lines.put(p + "ready-us", list(t.readyMicros()));
            lines.put(p + "first-app-us", list(t.firstAppMicros()));
            lines.put(p + "front-us", list(t.frontMicros()));
            lines.put(p + "refusal-us", list(t.refusalMicros()));
            for (ImageCalibration i : t.images().values()) {
                String ip = p + "image." + i.image() + ".";
                lines.put(ip + "request-bytes", Long.toString(i.requestBytes()));
                lines.put(ip + "response-bytes", Long.toString(i.responseBytes()));
                lines.put(ip + "app-us", list(i.appMicros()));
                lines.put(ip + "hold-us", list(i.holdMicros()));
                lines.put(ip + "pixel-us", list(i.pixelMicros()));
                lines.put(ip + "front-us", list(i.frontMicros()));
                i.admitMicros().ifPresent(a -> lines.put(ip + "admit-us", list(a)));
            }
        }
        Properties out = new Properties();
        out.putAll(lines);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file)) {
            out.store(w, "PixelForge calibration: what ./pixelforge simulate draws from");
        }
    }

    public static Calibration read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        String format = p.getProperty("format");
        if (!Integer.toString(FORMAT).equals(format)) {
            throw new IOException(
                    file
                            + " is calibration format "
                            + format
                            + ", this PixelForge reads "
                            + FORMAT
                            + ": make it again with ./pixelforge calibrate");
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        for (String k : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
            if (k.startsWith("provenance.")) {
                provenance.put(k.substring("provenance.".length()), p.getProperty(k));
            }
        }
        Map<Target, TargetCalibration> targets = new EnumMap<>(Target.class);
        for (Target t : Target.values()) {
            String prefix = t.id() + ".";
            if (p.getProperty(prefix + "cpus") == null) {
                continue;
            }
            Map<String, ImageCalibration> images = new LinkedHashMap<>();
            String imagePrefix = prefix + "image.";
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith(imagePrefix) && k.endsWith(".app-us")) {
                    String name =
                            k.substring(imagePrefix.length(), k.length() - ".app-us".length());
                    String ip = imagePrefix + name + ".";
                    images.put(
                            name,
                            new ImageCalibration(
                                    name,
                                    Long.parseLong(required(p, ip + "request-bytes", file)),
                                    Long.parseLong(required(p, ip + "response-bytes", file)),
                                    distribution(p, ip + "app-us", file),
                                    p.getProperty(ip + "hold-us") == null
                                            ? Distribution.constant(0)
                                            : distribution(p, ip + "hold-us", file),
                                    distribution(p, ip + "pixel-us", file),
                                    distribution(p, ip + "front-us", file),
                                    p.getProperty(ip + "admit-us") == null
                                            ? Optional.empty()
                                            : Optional.of(distribution(p, ip + "admit-us", file))));
                }
            }
            targets.put(
                    t,
                    new TargetCalibration(
                            t,
                            Double.parseDouble(p.getProperty(prefix + "cpus")),
                            distribution(p, prefix + "ready-us", file),
                            distribution(p, prefix + "first-app-us", file),
                            distribution(p, prefix + "front-us", file),
                            p.getProperty(prefix + "refusal-us") == null
                                    ? distribution(p, prefix + "front-us", file)
                                    : distribution(p, prefix + "refusal-us", file),
                            images));
        }
        if (targets.isEmpty()) {
            throw new IOException(file + " calibrates no target");
        }
        return new Calibration(provenance, targets);
    }

    private static String list(Distribution d) {
        return Arrays.stream(d.values()).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    private static String required(Properties p, String key, Path file) throws IOException {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IOException(file + " has no " + key);
        }
        return v.trim();
    }

    private static Distribution distribution(Properties p, String key, Path file)
            throws IOException {
        String v = required(p, key, file);
        try {
            return Distribution.of(
                    Arrays.stream(v.split(","))
                            .map(String::trim)
                            .mapToLong(Long::parseLong)
                            .toArray());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + key + ": " + e.getMessage(), e);
        }
    }
}
