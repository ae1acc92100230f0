package dev.pixelforge.cli.simulate;

import dev.pixelforge.simulate.Network;

import java.util.Map;
import java.util.TreeSet;

/**
 * {@code --network}: {@code loopback} (the default: the calibration's front time holds loopback's),
 * a preset ({@link #PRESETS}), or {@code rtt=40ms,up=100mbit,down=100mbit,jitter=10%} (round trip,
 * megabits per second each way, each half round trip varied uniformly by up to the jitter; a
 * missing bandwidth is unlimited, a missing jitter 0).
 */
public final class NetworkSpec {

    /**
     * Named paths, each with where its figures come from:
     *
     * <ul>
     *   <li>{@code same-region}: a client in the platform's own region; 2 ms round trip, 20%
     *       jitter, an assumption (AWS describes the links between a region's Availability Zones as
     *       single-digit milliseconds; a client in the endpoint's own zone is faster);
     *   <li>{@code t3.micro}, {@code m7i-flex.large}: the first study's two JMeter clients, in the
     *       region, at their burst bandwidth ("up to" 5 and 12.5 Gbit/s in AWS's instance-type
     *       network specifications; a t3.micro falls to a 64 Mbit/s baseline once its network
     *       credits are spent, which a 900 s run may or may not reach, so give {@code up=} and
     *       {@code down=} for that case);
     *   <li>{@code rando-implied}: the round trip that reproduces the first study's throttle share
     *       (47% of requests at 50 threads against ten 501 ms environments), 1,150 ms, 10% jitter:
     *       derived in the README's "Simulated at scale", not measured.
     * </ul>
     */
    public static final Map<String, String> PRESETS =
            Map.of(
                    "same-region", "rtt=2ms,jitter=20%",
                    "t3.micro", "rtt=2ms,up=5000mbit,down=5000mbit,jitter=20%",
                    "m7i-flex.large", "rtt=2ms,up=12500mbit,down=12500mbit,jitter=20%",
                    "rando-implied", "rtt=1150ms,jitter=10%");

    private NetworkSpec() {}

    public static Network parse(String spec) {
        if (spec == null || spec.equals("loopback")) {
            return Network.LOOPBACK;
        }
        String preset = PRESETS.get(spec);
        if (preset != null) {
            Network n = parse(preset);
            return new Network(
                    spec + " (" + preset + ")",
                    n.roundTripMicros(),
                    n.upBytesPerSecond(),
                    n.downBytesPerSecond(),
                    n.jitter());
        }
        long rttMicros = 0;
        double up = Double.POSITIVE_INFINITY;
        double down = Double.POSITIVE_INFINITY;
        double jitter = 0;
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            String name = kv[0].trim();
            if (kv.length != 2) {
                throw bad(spec);
            }
            String value = kv[1].trim().toLowerCase();
            switch (name) {
                case "rtt" -> rttMicros = SimulationSources.duration(value).toNanos() / 1000;
                case "up" -> up = bytesPerSecond(value, spec);
                case "down" -> down = bytesPerSecond(value, spec);
                case "jitter" -> jitter = fraction(value, spec);
                default -> throw bad(spec);
            }
        }
        return new Network(spec, rttMicros, up, down, jitter);
    }

    private static double bytesPerSecond(String value, String spec) {
        if (!value.endsWith("mbit")) {
            throw bad(spec);
        }
        try {
            double mbit = Double.parseDouble(value.substring(0, value.length() - 4));
            if (!(mbit > 0)) {
                throw bad(spec);
            }
            return mbit * 1e6 / 8;
        } catch (NumberFormatException e) {
            IllegalArgumentException wrapped = bad(spec);
            wrapped.initCause(e);
            throw wrapped;
        }
    }

    /** {@code 10%} or {@code 0.1}. */
    private static double fraction(String value, String spec) {
        try {
            double f =
                    value.endsWith("%")
                            ? Double.parseDouble(value.substring(0, value.length() - 1)) / 100
                            : Double.parseDouble(value);
            if (!(f >= 0 && f <= 1)) {
                throw bad(spec);
            }
            return f;
        } catch (NumberFormatException e) {
            IllegalArgumentException wrapped = bad(spec);
            wrapped.initCause(e);
            throw wrapped;
        }
    }

    private static IllegalArgumentException bad(String spec) {
        return new IllegalArgumentException(
                "--network takes loopback, a preset ("
                        + String.join(", ", new TreeSet<>(PRESETS.keySet()))
                        + ") or rtt=DURATION,up=Nmbit,down=Nmbit,jitter=P% (e.g."
                        + " rtt=40ms,up=100mbit,down=100mbit,jitter=10%), not '"
                        + spec
                        + "'");
    }
}
