package dev.pixelforge.cli.simulate;

import dev.pixelforge.simulate.Network;

/**
 * {@code --network}: {@code loopback} (the default: the calibration's front time holds loopback's)
 * or {@code rtt=40ms,up=100mbit,down=100mbit,jitter=10%} (round trip, megabits per second each way,
 * each half round trip varied uniformly by up to the jitter; a missing bandwidth is unlimited, a
 * missing jitter 0).
 */
public final class NetworkSpec {

    private NetworkSpec() {}

    public static Network parse(String spec) {
        if (spec == null || spec.equals("loopback")) {
            return Network.LOOPBACK;
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
                "--network takes loopback or rtt=DURATION,up=Nmbit,down=Nmbit,jitter=P% (e.g."
                        + " rtt=40ms,up=100mbit,down=100mbit,jitter=10%), not '"
                        + spec
                        + "'");
    }
}
