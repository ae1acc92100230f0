package dev.pixelforge.report.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One size of one target in a sweep: what that step's run measured, cloud-equivalent (a dilated
 * step's times divided by its k, its rates multiplied by it), so that sizes run at different k
 * compare as the cloud would run them. Times in milliseconds.
 *
 * @param size the size as the user gave it, e.g. {@code 885 MB} or {@code 0.5 vCPU / 512 MiB}
 * @param measured how the step's figures were made: {@code emulated} (the stand-ins), {@code
 *     deployed} (the cloud) or {@code simulated} (the simulator, from a calibration of that size)
 * @param vcpus the CPU share the platform gives this size (not dilated)
 * @param processP50Interval {low, high} of the median process time's 95% interval, or null with too
 *     few samples
 * @param usdPerMillion the step's cost per million requests; NaN without prices
 * @param imageProcessP50 per image sent, in size order: the median process time of its successes
 */
public record SizePoint(
        String target,
        String size,
        String measured,
        double vcpus,
        int memoryMib,
        double dilation,
        long samples,
        double goodputRps,
        double roundTripP50,
        double roundTripP95,
        double processP50,
        double[] processP50Interval,
        double processP95,
        double coldRoundTripP50,
        double usdPerMillion,
        Map<String, Double> imageProcessP50) {

    public static final String EMULATED = "emulated";
    public static final String DEPLOYED = "deployed";
    public static final String SIMULATED = "simulated";

    public SizePoint {
        imageProcessP50 =
                Collections.unmodifiableMap(new LinkedHashMap<>(imageProcessP50)); // in size order
    }

    /** A point with only what a strategy reads: for tests and hand-made comparisons. */
    public static SizePoint of(
            String target,
            String size,
            double usdPerMillion,
            double processP50,
            double[] interval) {
        return new SizePoint(
                target,
                size,
                EMULATED,
                Double.NaN,
                0,
                1,
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                processP50,
                interval,
                Double.NaN,
                Double.NaN,
                usdPerMillion,
                Map.of());
    }

    /**
     * The largest image sent, the most CPU-bound of them, and its median process time; null when
     * none succeeded.
     */
    public Map.Entry<String, Double> largestImage() {
        Map.Entry<String, Double> last = null;
        for (Map.Entry<String, Double> e : imageProcessP50.entrySet()) {
            last = e;
        }
        return last;
    }

    /**
     * Why this size's cloud-equivalent times may flatter it, or null. Dilation divides times by k,
     * which is exact for work that keeps the instance's whole share busy. A share above 1 vCPU run
     * k times slower gets share / k of the cores; one request is one thread, which in the cloud
     * gets at most 1 vCPU of it, and here up to min(1, share / k): times / k then overstate the
     * speed-up by up to share times. Below 1 vCPU, one thread uses the whole share, and k is exact.
     */
    public String dilationCaveat() {
        if (dilation <= 1 || vcpus <= 1) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "%s %s: %.3g vCPU did not fit this machine's cores for instances, so it ran %.2f"
                    + " times slower and its times are divided by %.2f; that holds for work that"
                    + " keeps all %.3g vCPUs busy, and one request is one thread: its process time"
                    + " may be flattered by up to %.3gx. Sweep sizes above 1 vCPU on a larger"
                    + " machine, or in the cloud.",
                target,
                size,
                vcpus,
                dilation,
                dilation,
                vcpus,
                vcpus);
    }

    public boolean priced() {
        return !Double.isNaN(usdPerMillion);
    }
}
