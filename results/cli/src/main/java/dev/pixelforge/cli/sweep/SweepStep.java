package dev.pixelforge.cli.sweep;

import dev.pixelforge.cli.compare.RunSpec;

import java.util.Locale;

/**
 * One step of a sweep: one target at one size, run as a comparison of that target alone.
 *
 * @param spec the comparison of this step: the sweep's load, on the profile with this size's keys
 *     over it
 */
public record SweepStep(SweepSize size, RunSpec spec) {

    /** The step's line in progress and dry runs: the target, the size and the CPU share it buys. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s %s (%.3f vCPU: %s)",
                size.target().id(),
                size.label(),
                spec.platform().of(size.target()).cpus(),
                spec.platform().of(size.target()).cpu().rule());
    }
}
