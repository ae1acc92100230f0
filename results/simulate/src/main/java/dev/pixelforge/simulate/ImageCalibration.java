package dev.pixelforge.simulate;

import java.util.Optional;

/**
 * One image of the load, as one target served it warm: bytes each way, its process time ({@code
 * app}, request in to response out in the function), what its instance spent on it besides ({@code
 * hold}: the platform's duration minus {@code app}, the runtime's own work on the request, such as
 * Lambda's event marshalling, during which the instance's slot stays taken), and the front's time
 * on it.
 *
 * <p>The front's time has two parts, because a front reads a request whole before it asks the
 * platform for an instance (API Gateway builds Lambda's event from the whole body; the stand-ins'
 * gateway does the same): {@code admit}, from the request's arrival to that question, and the rest,
 * after the instance answered. Which request takes an instance that has just come free depends on
 * the first: a thread whose 4 MB upload is being read asks later than one sending 2 KB. Only a
 * refusal shows the first part alone (its round trip is the read and a 36-byte answer), so {@code
 * admit} is measured from the image's refusals, where there were any.
 *
 * <p>Of the process time, only the pixel phases ({@code pixel}: decode, tone or generate, encode,
 * from the function's Server-Timing) wait for the instance's pixel threads; the rest (binding the
 * JSON, base64 each way, writing the answer) runs on the server's event loop beside them. All of it
 * is CPU work on the instance's one share ({@link SimulatedInstance}): the container on the
 * stand-in, one vCPU and four threads pausing 100 ms between requests, spent 39.4 ms of CPU a
 * request against a mean process time of 38.0 ms measured one at a time and a mean pixel time of
 * 28.0 ms (an earlier recording of the agreement spec, 5 Dec 2026). A saturated run (four threads,
 * no pause, the same day) served one request per 30.9 ms against a mean process time of 41.9 ms in
 * its own calibration: a busy JVM spends less CPU a request than one waking for each, and there the
 * simulator, which takes the whole process time as CPU, is pessimistic.
 *
 * @param pixelMicros the pixel phases' time; the whole process time when they were not recorded
 * @param frontMicros round trip minus the instance's lease (process time and hold), warm, on
 *     loopback: both parts of the front's time
 * @param admitMicros a refusal's round trip: the front's time before it asks for an instance; empty
 *     when no request of this image was refused while calibrating (then the simulator asks at once,
 *     and a refusal takes the target's pooled refusal time)
 */
public record ImageCalibration(
        String image,
        long requestBytes,
        long responseBytes,
        Distribution appMicros,
        Distribution holdMicros,
        Distribution pixelMicros,
        Distribution frontMicros,
        Optional<Distribution> admitMicros) {

    /**
     * With no record of the platform's duration, the phases or the front per image: the slot is
     * held for the process time alone, all of it on a pixel thread, and the front's time is the
     * target's.
     */
    public ImageCalibration(
            String image,
            long requestBytes,
            long responseBytes,
            Distribution appMicros,
            Distribution frontMicros) {
        this(
                image,
                requestBytes,
                responseBytes,
                appMicros,
                Distribution.constant(0),
                appMicros,
                frontMicros,
                Optional.empty());
    }

    /** The same, with the front's time before admission measured from this image's refusals. */
    public ImageCalibration withAdmit(Distribution refusals) {
        return new ImageCalibration(
                image,
                requestBytes,
                responseBytes,
                appMicros,
                holdMicros,
                pixelMicros,
                frontMicros,
                Optional.of(refusals));
    }
}
