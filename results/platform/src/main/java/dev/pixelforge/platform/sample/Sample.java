package dev.pixelforge.platform.sample;

/**
 * One request of a load run, as the load client and the function saw it. Durations are in
 * microseconds; JMeter measures the client-side ones (round trip, latency, connect) in whole
 * milliseconds, so those are multiples of 1000. Server-side ones come from {@code Server-Timing}
 * and are -1 when the function did not answer (a throttle, a gateway error).
 *
 * @param roundTripMicros JMeter {@code elapsed}: to the last byte
 * @param latencyMicros JMeter {@code Latency}: to the first byte, connect included
 * @param connectMicros JMeter {@code Connect}: TCP setup, 0 on a reused connection
 * @param appMicros Server-Timing {@code app}: request in to response out, in the function
 * @param cold X-PixelForge-Cold, or null when no function answered
 * @param instance X-PixelForge-Instance, or "" when no function answered
 * @param engine the load engine that sent it: "" for the one embedded engine, else a remote JMeter
 *     engine's {@code host:port} (distributed runs)
 * @param sendLagMicros open-loop runs: how late the request left against its intended send time (0
 *     on time); -1 in closed-loop runs, where there is no intended time
 */
public record Sample(
        long startEpochMillis,
        String target,
        String operation,
        String image,
        int status,
        boolean success,
        boolean throttled,
        long bytes,
        long sentBytes,
        long roundTripMicros,
        long latencyMicros,
        long connectMicros,
        long appMicros,
        long decodeMicros,
        long workMicros,
        long encodeMicros,
        Boolean cold,
        String instance,
        String engine,
        long sendLagMicros) {

    /** No intended send time: a closed-loop request. */
    public static final long NOT_SCHEDULED = -1;

    /**
     * From this lateness on a request left late: below it is the timer's own wake-up jitter (tens
     * of microseconds), and under the millisecond JMeter times round trips in.
     */
    public static final long LATE_MICROS = 1_000;

    /** A closed-loop request from the one embedded engine. */
    public Sample(
            long startEpochMillis,
            String target,
            String operation,
            String image,
            int status,
            boolean success,
            boolean throttled,
            long bytes,
            long sentBytes,
            long roundTripMicros,
            long latencyMicros,
            long connectMicros,
            long appMicros,
            long decodeMicros,
            long workMicros,
            long encodeMicros,
            Boolean cold,
            String instance) {
        this(
                startEpochMillis,
                target,
                operation,
                image,
                status,
                success,
                throttled,
                bytes,
                sentBytes,
                roundTripMicros,
                latencyMicros,
                connectMicros,
                appMicros,
                decodeMicros,
                workMicros,
                encodeMicros,
                cold,
                instance,
                "",
                NOT_SCHEDULED);
    }

    /** An open-loop request that left {@link #LATE_MICROS} or more after its intended send time. */
    public boolean late() {
        return sendLagMicros >= LATE_MICROS;
    }

    /**
     * Round trip from the intended send time (open loop: the send lag added, so that a stalled
     * target's queueing shows instead of slowing the client down and hiding it); the round trip in
     * closed loop.
     */
    public long intendedRoundTripMicros() {
        return sendLagMicros < 0 ? roundTripMicros : roundTripMicros + sendLagMicros;
    }

    /**
     * Round trip minus process time: network, gateway, queueing, framework. -1 without process
     * time.
     */
    public long overheadMicros() {
        return appMicros < 0 ? -1 : Math.max(0, roundTripMicros - appMicros);
    }

    public boolean isCold() {
        return Boolean.TRUE.equals(cold);
    }

    public long endEpochMillis() {
        return startEpochMillis + roundTripMicros / 1000;
    }

    /**
     * A throttle is a refusal by the platform, not by the function: 429 (Cloud Run, Cloud
     * Functions, or Lambda when so profiled), or the 500 API Gateway returns for a throttled
     * Lambda, which carries no X-PixelForge-Instance because no function ran.
     */
    public static boolean isThrottle(int status, String instance) {
        return status == 429 || (status == 500 && (instance == null || instance.isEmpty()));
    }
}
