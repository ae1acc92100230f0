package dev.pixelforge.simulate;

import dev.pixelforge.platform.Target;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one target's function costs, measured undilated, one instance at a time: how long an
 * instance takes to start (spawn to ready; Lambda's Init Duration), how long its first request
 * takes (a cold JVM), each image's warm process time, and the time a request spends outside the
 * function on its way through the platform's front (round trip minus process time, on loopback).
 *
 * @param cpus the CPU share per instance it was measured at
 * @param refusalMicros a refused request's round trip on loopback (the front answers it without the
 *     function); the front's time when the calibration run had no refusal
 * @param images per image name as {@code samples.csv} names them; {@link #ANY_IMAGE} when the
 *     figures are not per image (a study's mean)
 */
public record TargetCalibration(
        Target target,
        double cpus,
        Distribution readyMicros,
        Distribution firstAppMicros,
        Distribution frontMicros,
        Distribution refusalMicros,
        Map<String, ImageCalibration> images) {

    /** The key of a calibration that has one figure for every image. */
    public static final String ANY_IMAGE = "*";

    public TargetCalibration {
        images = Map.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException(target.id() + ": a calibration needs an image");
        }
    }

    /**
     * The same, with refusals' round trips from {@code refusals}, a calibration of a run that had
     * some: pooled, and per image as the front's time before admission.
     */
    public TargetCalibration withRefusalsOf(TargetCalibration refusals) {
        Map<String, ImageCalibration> admitted = new LinkedHashMap<>();
        images.forEach(
                (name, image) -> {
                    ImageCalibration other = refusals.images().get(name);
                    admitted.put(
                            name,
                            other == null || other.admitMicros().isEmpty()
                                    ? image
                                    : image.withAdmit(other.admitMicros().get()));
                });
        return new TargetCalibration(
                target,
                cpus,
                readyMicros,
                firstAppMicros,
                frontMicros,
                refusals.refusalMicros(),
                admitted);
    }

    /**
     * The same warm figures (every image's, the front's, refusals'), with the start-ups and first
     * requests of {@code pooled}: a calibration's short rounds add cold starts, and only its long
     * round's instance lives long enough for its JIT to finish ({@code Calibrator}).
     */
    public TargetCalibration withColdStartsOf(TargetCalibration pooled) {
        if (pooled.target() != target || pooled.cpus() != cpus) {
            throw new IllegalArgumentException(
                    target.id()
                            + " at "
                            + cpus
                            + " vCPU cannot take the cold starts of "
                            + pooled.target().id()
                            + " at "
                            + pooled.cpus()
                            + " vCPU");
        }
        return new TargetCalibration(
                target,
                cpus,
                pooled.readyMicros(),
                pooled.firstAppMicros(),
                frontMicros,
                refusalMicros,
                images);
    }

    /** The image's calibration, or the one for every image. */
    public ImageCalibration image(String name) {
        ImageCalibration c = images.get(name);
        if (c == null) {
            c = images.get(ANY_IMAGE);
        }
        if (c == null) {
            throw new IllegalArgumentException(
                    target.id()
                            + " has no calibration for image "
                            + name
                            + " (calibrated: "
                            + images.keySet()
                            + ")");
        }
        return c;
    }
}
