package dev.pixelforge.report.summary;

import dev.pixelforge.platform.run.RunManifest;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What an open-loop target was to be sent, from the run's {@code run.properties}: the schedule
 * asked for, the one sent here (divided by the target's dilation k), its arrivals and seconds, and
 * the thread pool. {@link #NONE} in closed loop and for runs from before open loop.
 *
 * @param askedPerSecond the mean rate asked for (cloud-equivalent)
 * @param sentPerSecond the mean rate this machine was to send (the asked one / k)
 */
public record ArrivalPlan(
        String asked,
        String sent,
        long planned,
        int seconds,
        double askedPerSecond,
        double sentPerSecond,
        int maxThreads) {

    public static final ArrivalPlan NONE = new ArrivalPlan("", "", 0, 0, Double.NaN, Double.NaN, 0);

    public boolean known() {
        return planned > 0;
    }

    /** Each open-loop target's plan, by target id; empty for a closed-loop run. */
    public static Map<String, ArrivalPlan> read(Properties about) {
        Map<String, ArrivalPlan> out = new HashMap<>();
        String asked = about.getProperty(RunManifest.ARRIVALS);
        if (asked == null) {
            return out;
        }
        for (String key : about.stringPropertyNames()) {
            if (key.startsWith(RunManifest.ARRIVALS_PER_TARGET)
                    && key.endsWith("." + RunManifest.ARRIVALS_PLANNED)) {
                String target =
                        key.substring(
                                RunManifest.ARRIVALS_PER_TARGET.length(),
                                key.length() - RunManifest.ARRIVALS_PLANNED.length() - 1);
                String prefix = RunManifest.ARRIVALS_PER_TARGET + target + ".";
                out.put(
                        target,
                        new ArrivalPlan(
                                asked,
                                about.getProperty(prefix + RunManifest.ARRIVALS_SENT, asked),
                                Long.parseLong(about.getProperty(key).trim()),
                                Integer.parseInt(
                                        about.getProperty(
                                                        prefix + RunManifest.ARRIVALS_SECONDS, "0")
                                                .trim()),
                                Double.parseDouble(
                                        about.getProperty(RunManifest.ARRIVALS_RATE, "NaN")),
                                Double.parseDouble(
                                        about.getProperty(
                                                prefix + RunManifest.ARRIVALS_TARGET_RATE, "NaN")),
                                Integer.parseInt(
                                        about.getProperty(RunManifest.ARRIVALS_MAX_THREADS, "0")
                                                .trim())));
            }
        }
        return out;
    }
}
