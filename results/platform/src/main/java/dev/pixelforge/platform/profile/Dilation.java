package dev.pixelforge.platform.profile;

import dev.pixelforge.platform.Target;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One time-dilation factor per target, so that a machine too small for the configured peak still
 * runs a faithful model, only slower (DieCast, NSDI 2008): k = the peak CPU the load can make the
 * target use (the instances it can keep busy at once, times each one's share: {@link
 * TargetProfile#peakVcpus(int)}) over the cores left for instances, at least 1. Targets run one
 * after another, so each has those cores to itself. Reports divide times by k and multiply rates by
 * k to give cloud-equivalent figures.
 *
 * @param coresForInstances this machine's cores less what the load client and the fronts need
 */
public record Dilation(
        Map<Target, Double> factors,
        Map<Target, Double> oversubscription,
        double coresForInstances) {

    /**
     * Cores kept for the load client, the stand-ins' fronts and the kernel's own work, which no
     * quota limits. At 0.5, ten Lambda environments at a quarter of their share each came out 1.1x
     * to 1.6x slower, cloud-equivalent, than two at their full share (ScaleInvarianceIT, several
     * runs): their quotas could not all be served. At 0.8 they came out 0.95x, 1.02x and 1.04x.
     */
    public static final double RESERVED_CORES = 0.8;

    /** {@code spec}: "auto" (the default), or a factor of at least 1 for every target. */
    public static Dilation parse(String spec, PlatformProfile profile, int cores) {
        return parse(spec, profile, cores, Integer.MAX_VALUE);
    }

    /** The same, for a load with at most {@code inFlight} requests in flight at once. */
    public static Dilation parse(String spec, PlatformProfile profile, int cores, int inFlight) {
        if (spec == null || spec.equals("auto")) {
            return automatic(profile, cores, RESERVED_CORES, inFlight);
        }
        try {
            return fixed(Double.parseDouble(spec), profile, cores, RESERVED_CORES, inFlight);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--dilation takes auto or a factor such as 1 or 4, not " + spec);
        }
    }

    /**
     * The factors for {@code profile} on {@code cores} cores, {@code reserved} of them kept for the
     * client and fronts.
     */
    public static Dilation automatic(PlatformProfile profile, int cores, double reserved) {
        return automatic(profile, cores, reserved, Integer.MAX_VALUE);
    }

    /**
     * The same for a load with at most {@code inFlight} requests in flight at once: 2 threads
     * against a reserved concurrency of 10 keep 2 environments busy, not 10.
     */
    public static Dilation automatic(
            PlatformProfile profile, int cores, double reserved, int inFlight) {
        double left = Math.max(0.1, cores - reserved);
        Map<Target, Double> k = new EnumMap<>(Target.class);
        Map<Target, Double> over = new EnumMap<>(Target.class);
        for (Target t : Target.values()) {
            double ratio = profile.of(t).peakVcpus(inFlight) / left;
            over.put(t, ratio);
            k.put(t, Math.max(1, ratio));
        }
        return new Dilation(k, over, left);
    }

    /** The same factor for every target ({@code --dilation 1} turns dilation off). */
    public static Dilation fixed(
            double factor, PlatformProfile profile, int cores, double reserved) {
        return fixed(factor, profile, cores, reserved, Integer.MAX_VALUE);
    }

    private static Dilation fixed(
            double factor, PlatformProfile profile, int cores, double reserved, int inFlight) {
        if (factor < 1) {
            throw new IllegalArgumentException(
                    "--dilation is at least 1 (a model runs slower, never faster), was " + factor);
        }
        Dilation auto = automatic(profile, cores, reserved, inFlight);
        Map<Target, Double> k = new EnumMap<>(Target.class);
        for (Target t : Target.values()) {
            k.put(t, factor);
        }
        return new Dilation(k, auto.oversubscription(), auto.coresForInstances());
    }

    /**
     * Nothing dilated: for deployed targets, and where no CPU can be isolated (the model cannot be
     * enforced).
     */
    public static Dilation none() {
        Map<Target, Double> one = new EnumMap<>(Target.class);
        for (Target t : Target.values()) {
            one.put(t, 1.0);
        }
        return new Dilation(one, Map.of(), Double.NaN);
    }

    public double of(Target target) {
        return factors.getOrDefault(target, 1.0);
    }

    /** A line per target, for the banner. */
    public String describe(PlatformProfile profile) {
        StringBuilder sb = new StringBuilder();
        for (Target t : Target.values()) {
            double over = oversubscription.getOrDefault(t, Double.NaN);
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "  %-13s dilation k = %.2f (peak %.2f vCPU on %.2f cores for"
                                    + " instances%s)%n",
                            t.id(),
                            of(t),
                            Double.isNaN(over) // the peak the run's load can reach
                                    ? profile.of(t).peakVcpus()
                                    : over * coresForInstances,
                            coresForInstances,
                            of(t) == 1 && over > 1
                                    ? String.format(Locale.ROOT, ": %.1fx oversubscribed", over)
                                    : ""));
        }
        return sb.toString();
    }
}
