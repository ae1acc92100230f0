package dev.pixelforge.core.image;

/**
 * Where one request's kernel time went, in nanoseconds. {@code work} is the pixel work proper,
 * reported as {@code workName} ("tone" or "generate") in Server-Timing.
 */
public record PhaseTimings(long decodeNanos, String workName, long workNanos, long encodeNanos) {}
