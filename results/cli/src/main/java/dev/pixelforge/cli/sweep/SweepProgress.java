package dev.pixelforge.cli.sweep;

import java.time.Duration;
import java.util.Locale;

/**
 * The sweep's progress line before each step: which step of how many, and the time left, estimated
 * from the steps done so far (before the first, from the load's duration plus a start-up
 * allowance).
 */
final class SweepProgress {

    /** Start-up, report and shutdown around each step's load, until a step has been timed. */
    static final Duration FIRST_GUESS_OVERHEAD = Duration.ofSeconds(15);

    private final int steps;
    private final Duration loadPerStep;
    private Duration spent = Duration.ZERO;
    private int done;

    SweepProgress(int steps, Duration loadPerStep) {
        this.steps = steps;
        this.loadPerStep = loadPerStep;
    }

    void stepDone(Duration took) {
        spent = spent.plus(took);
        done++;
    }

    /** Time left before step {@code done + 1} starts: the steps left times the mean step so far. */
    Duration left() {
        Duration perStep =
                done == 0 ? loadPerStep.plus(FIRST_GUESS_OVERHEAD) : spent.dividedBy(done);
        return perStep.multipliedBy(steps - done);
    }

    String line(SweepStep step) {
        return String.format(
                Locale.ROOT,
                "== sweep step %d of %d: %s, about %s left",
                done + 1,
                steps,
                step.describe(),
                human(left()));
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }
}
