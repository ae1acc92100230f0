package dev.pixelforge.report.sweep;

import java.util.Map;

/**
 * One size of one target in a sweep: what that step's run measured, cloud-equivalent (a dilated
 * step's times divided by its k, its rates multiplied by it), so that sizes run at different k
 * compare as the cloud would run them. Times in milliseconds.
 *
 * @param size              the size as the user gave it, e.g. {@code 885 MB} or {@code 0.5 vCPU / 512 MiB}
 * @param vcpus             the CPU share the platform gives this size (not dilated)
 * @param processP50Interval {low, high} of the median process time's 95% interval, or null with too few samples
 * @param usdPerMillion     the step's cost per million requests; NaN without prices
 * @param imageProcessP50   per image sent, in size order: the median process time of its successes
 */
public record SizePoint(String target, String size, double vcpus, int memoryMib, double dilation, long samples, double goodputRps,
                        double roundTripP50, double roundTripP95, double processP50, double[] processP50Interval, double processP95,
                        double coldRoundTripP50, double usdPerMillion, Map<String, Double> imageProcessP50) {

    public SizePoint {
        imageProcessP50 = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(imageProcessP50)); // in size order
    }

    /** A point with only what a strategy reads: for tests and hand-made comparisons. */
    public static SizePoint of(String target, String size, double usdPerMillion, double processP50, double[] interval) {
        return new SizePoint(target, size, Double.NaN, 0, 1, 0, Double.NaN, Double.NaN, Double.NaN, processP50, interval, Double.NaN,
                Double.NaN, usdPerMillion, Map.of());
    }

    public boolean priced() {
        return !Double.isNaN(usdPerMillion);
    }
}
