package dev.pixelforge.simulate;

/**
 * One image of the load, as one target served it warm: bytes each way, its process time ({@code
 * app}, request in to response out in the function) and what its instance spent on it besides
 * ({@code hold}: the platform's duration minus {@code app}, the runtime's own work on the request,
 * such as Lambda's event marshalling), during which the instance's slot stays taken.
 */
public record ImageCalibration(
        String image,
        long requestBytes,
        long responseBytes,
        Distribution appMicros,
        Distribution holdMicros) {

    /** With no record of the platform's duration: the slot is held for the process time alone. */
    public ImageCalibration(
            String image, long requestBytes, long responseBytes, Distribution appMicros) {
        this(image, requestBytes, responseBytes, appMicros, Distribution.constant(0));
    }
}
