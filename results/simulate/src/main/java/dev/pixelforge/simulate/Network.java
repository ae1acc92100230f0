package dev.pixelforge.simulate;

/**
 * The path between the load client and the platform's front: a round trip (half each way) and a
 * bandwidth each way, so a request's upload and its answer's download take their bytes' time. No
 * loss, no TCP slow start, no connection set-up (the studies' JMeter clients reuse connections).
 *
 * @param upBytesPerSecond client to platform; {@link Double#POSITIVE_INFINITY} for no limit
 */
public record Network(
        String name, long roundTripMicros, double upBytesPerSecond, double downBytesPerSecond) {

    /** The emulator's own path: loopback, whose time the calibration's front time already holds. */
    public static final Network LOOPBACK =
            new Network("loopback", 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    public Network {
        if (roundTripMicros < 0 || !(upBytesPerSecond > 0) || !(downBytesPerSecond > 0)) {
            throw new IllegalArgumentException(
                    "network "
                            + name
                            + ": a round trip of 0 or more and bandwidths above 0 are needed");
        }
    }

    /** From sending the first byte of {@code bytes} to the front having the last. */
    public long upMicros(long bytes) {
        return roundTripMicros / 2 + transferMicros(bytes, upBytesPerSecond);
    }

    /** From the front sending the first byte of {@code bytes} to the client having the last. */
    public long downMicros(long bytes) {
        return roundTripMicros - roundTripMicros / 2 + transferMicros(bytes, downBytesPerSecond);
    }

    /** The part of {@link #downMicros} after the first byte arrived: latency excludes it. */
    public long downTransferMicros(long bytes) {
        return transferMicros(bytes, downBytesPerSecond);
    }

    private static long transferMicros(long bytes, double bytesPerSecond) {
        return Double.isInfinite(bytesPerSecond) ? 0 : Math.round(bytes * 1e6 / bytesPerSecond);
    }
}
