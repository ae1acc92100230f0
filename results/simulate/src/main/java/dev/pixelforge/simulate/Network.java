package dev.pixelforge.simulate;

import java.util.SplittableRandom;

/**
 * The path between the load client and the platform's front: a round trip (half each way, each half
 * varied uniformly by up to {@code jitter} of itself) and a bandwidth each way, so a request's
 * upload and its answer's download take their bytes' time. No loss, no TCP slow start, no
 * connection set-up (the studies' JMeter clients reuse connections). Without jitter, constant
 * service times and a constant round trip can lock a closed loop's threads into step, which real
 * networks do not.
 *
 * @param upBytesPerSecond client to platform; {@link Double#POSITIVE_INFINITY} for no limit
 * @param jitter 0 to 1: each half round trip is drawn from (1 +- jitter) x half the round trip
 */
public record Network(
        String name,
        long roundTripMicros,
        double upBytesPerSecond,
        double downBytesPerSecond,
        double jitter) {

    /** The emulator's own path: loopback, whose time the calibration's front time already holds. */
    public static final Network LOOPBACK =
            new Network("loopback", 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0);

    public Network {
        if (roundTripMicros < 0
                || !(upBytesPerSecond > 0)
                || !(downBytesPerSecond > 0)
                || !(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException(
                    "network "
                            + name
                            + ": a round trip of 0 or more, bandwidths above 0 and a jitter from 0"
                            + " to 1 are needed");
        }
    }

    /** From sending the first byte of {@code bytes} to the front having the last. */
    public long upMicros(long bytes, SplittableRandom random) {
        return half(random) + transferMicros(bytes, upBytesPerSecond);
    }

    /** From the front sending the first byte of {@code bytes} to the client having the last. */
    public long downMicros(long bytes, SplittableRandom random) {
        return half(random) + transferMicros(bytes, downBytesPerSecond);
    }

    /** The part of {@link #downMicros} after the first byte arrived: latency excludes it. */
    public long downTransferMicros(long bytes) {
        return transferMicros(bytes, downBytesPerSecond);
    }

    private long half(SplittableRandom random) {
        double half = roundTripMicros / 2.0;
        if (jitter == 0 || half == 0) {
            return Math.round(half);
        }
        return Math.round(half * (1 + jitter * (2 * random.nextDouble() - 1)));
    }

    private static long transferMicros(long bytes, double bytesPerSecond) {
        return Double.isInfinite(bytesPerSecond) ? 0 : Math.round(bytes * 1e6 / bytesPerSecond);
    }
}
