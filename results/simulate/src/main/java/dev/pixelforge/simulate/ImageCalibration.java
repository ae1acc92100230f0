package dev.pixelforge.simulate;

/**
 * One image of the load, as one target served it warm: bytes each way and its process time ({@code
 * app}, request in to response out in the function).
 */
public record ImageCalibration(
        String image, long requestBytes, long responseBytes, Distribution appMicros) {}
