package dev.pixelforge.core.image;

/** A converted image, encoded, with what each phase cost. */
public record ToneResult(
        byte[] image, ImageFormat format, int width, int height, PhaseTimings timings) {}
