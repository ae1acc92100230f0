package dev.pixelforge.load.profile;

import java.util.List;
import java.util.Locale;

/**
 * The shape of a load run, per target: threads reaching full strength over {@code rampSeconds},
 * each looping for {@code durationSeconds} in all (ramp included), sending {@code operation} with
 * the images up to {@code maxImagePixels}.
 */
public record LoadProfile(String name, int threads, int rampSeconds, int durationSeconds, Operation operation, long maxImagePixels) {

    public LoadProfile {
        if (threads < 1 || rampSeconds < 0 || durationSeconds <= rampSeconds) {
            throw new IllegalArgumentException("profile " + name + ": threads >= 1 and a duration longer than the ramp-up ("
                    + rampSeconds + " s) are needed, got " + threads + " threads for " + durationSeconds + " s");
        }
    }

    /** The studies' shapes, and the main command's default. */
    public static final List<LoadProfile> NAMED = List.of(
            // Rando et al.: JMeter on a t3.micro, 10 threads, 30 s ramp-up, loop forever for 900 s, 12 base64 images up to 8K.
            new LoadProfile("rando-t3micro", 10, 30, 900, Operation.TONE_JSON, Long.MAX_VALUE),
            // The same plan from an m7i.large with 50 threads.
            new LoadProfile("rando-m7i", 50, 30, 900, Operation.TONE_JSON, Long.MAX_VALUE),
            // CMPT 756: 100 JMeter users for 10 minutes against the image generator.
            new LoadProfile("cmpt756", 100, 60, 600, Operation.GENERATE, Long.MAX_VALUE),
            // About a minute per target: the whole image set, ten threads.
            new LoadProfile("quick", 10, 5, 60, Operation.TONE_JSON, Long.MAX_VALUE));

    public static LoadProfile named(String name) {
        return NAMED.stream().filter(p -> p.name.equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no load profile '" + name + "': " + NAMED.stream().map(LoadProfile::name).toList()));
    }

    public int holdSeconds() {
        return durationSeconds - rampSeconds;
    }

    public LoadProfile withThreads(int t) {
        return new LoadProfile(name, t, rampSeconds, durationSeconds, operation, maxImagePixels);
    }

    public LoadProfile withRamp(int r) {
        return new LoadProfile(name, threads, r, durationSeconds, operation, maxImagePixels);
    }

    public LoadProfile withDuration(int d) {
        return new LoadProfile(name, threads, rampSeconds, d, operation, maxImagePixels);
    }

    public LoadProfile withOperation(Operation o) {
        return new LoadProfile(name, threads, rampSeconds, durationSeconds, o, maxImagePixels);
    }

    public LoadProfile withMaxImagePixels(long p) {
        return new LoadProfile(name, threads, rampSeconds, durationSeconds, operation, p);
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s: %d threads, %d s ramp-up, %d s per target, %s%s", name, threads, rampSeconds,
                durationSeconds, operation.id(), maxImagePixels == Long.MAX_VALUE ? ", every image" : ", images up to " + maxImagePixels + " px");
    }
}
