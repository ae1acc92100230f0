package dev.pixelforge.cli.simulate;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.simulate.Calibration;
import dev.pixelforge.simulate.Distribution;
import dev.pixelforge.simulate.ImageCalibration;
import dev.pixelforge.simulate.TargetCalibration;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A calibration from figures given on the command line, for a function that is not built here (the
 * first study's Pillow function: a mean duration and a cold start). Each figure becomes a point
 * mass: every request takes the mean, every start the cold start, so the simulation shows what the
 * platform's rules do with those means, not the spread the study did not publish.
 */
public final class SimulationSources {

    /**
     * The front's time when none is given: what a refusal takes on loopback here, client and
     * gateway together (the report's "refusal time to answer" is about a millisecond).
     */
    static final Duration DEFAULT_FRONT = Duration.ofMillis(1);

    private SimulationSources() {}

    /**
     * {@code spec}: {@code duration=501ms,cold-start=3.8s[,front=5ms][,first=...]}; the first
     * request of an instance takes {@code first} (default: {@code duration}), every request spends
     * {@code front} outside the function (default {@link #DEFAULT_FRONT}).
     *
     * @param requestBytes per image name, what a request carries (the image set's own sizes)
     */
    public static Calibration figures(
            String spec,
            List<Target> targets,
            PlatformProfile platform,
            Map<String, Long> requestBytes) {
        Map<String, Duration> given = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException(
                        "--figures takes name=duration pairs, e.g."
                                + " duration=501ms,cold-start=3.8s; got '"
                                + part
                                + "'");
            }
            String name = kv[0].trim();
            if (!List.of("duration", "cold-start", "front", "first").contains(name)) {
                throw new IllegalArgumentException(
                        "--figures knows duration, cold-start, first and front, not '"
                                + name
                                + "'");
            }
            given.put(name, duration(kv[1].trim()));
        }
        if (!given.containsKey("duration") || !given.containsKey("cold-start")) {
            throw new IllegalArgumentException(
                    "--figures needs at least duration= and cold-start=, e.g."
                            + " duration=501ms,cold-start=3.8s");
        }
        long app = micros(given.get("duration"));
        Distribution front =
                Distribution.constant(micros(given.getOrDefault("front", DEFAULT_FRONT)));
        Map<String, ImageCalibration> images = new LinkedHashMap<>();
        requestBytes.forEach(
                (image, bytes) ->
                        images.put(
                                image,
                                new ImageCalibration(
                                        image, bytes, bytes, Distribution.constant(app), front)));
        Map<Target, TargetCalibration> all = new EnumMap<>(Target.class);
        for (Target t : targets) {
            all.put(
                    t,
                    new TargetCalibration(
                            t,
                            platform.of(t).cpus(),
                            Distribution.constant(micros(given.get("cold-start"))),
                            Distribution.constant(
                                    micros(given.getOrDefault("first", given.get("duration")))),
                            front,
                            front,
                            images));
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("source", "figures given on the command line: " + spec);
        provenance.put(
                "model",
                "point masses: every request takes the duration, every start the cold start;"
                        + " response bytes taken equal to request bytes");
        provenance.put("date", ZonedDateTime.now(ZoneOffset.UTC).toString());
        return new Calibration(provenance, all);
    }

    /** {@code 501ms}, {@code 3.8s}, {@code 2m}: the units the command line takes durations in. */
    public static Duration duration(String text) {
        String t = text.toLowerCase();
        double unitNanos;
        String number;
        if (t.endsWith("ms")) {
            unitNanos = 1e6;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unitNanos = 1e9;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unitNanos = 60e9;
            number = t.substring(0, t.length() - 1);
        } else {
            throw notADuration(text, null);
        }
        try {
            double value = Double.parseDouble(number);
            if (!(value >= 0)) {
                throw notADuration(text, null);
            }
            return Duration.ofNanos(Math.round(value * unitNanos));
        } catch (NumberFormatException e) {
            throw notADuration(text, e);
        }
    }

    private static IllegalArgumentException notADuration(String text, Exception cause) {
        return new IllegalArgumentException(
                "'" + text + "' is not a duration: give ms, s or m, e.g. 501ms or 3.8s", cause);
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }
}
