package dev.pixelforge.cli;

import dev.pixelforge.load.arrivals.ArrivalRate;
import dev.pixelforge.load.profile.LoadProfile;

import picocli.CommandLine.Option;

/**
 * The open-loop options of compare and sweep (a picocli mixin, inside {@link LoadOptions}): {@code
 * --rate} turns the profile's closed loop of threads into arrivals at a fixed rate, sent from a
 * pool of at most {@code --max-threads}. Options that only mean something in one of the two loops
 * are refused in the other, before anything runs.
 */
final class ArrivalOptions {

    @Option(
            names = "--rate",
            paramLabel = "R|R:Ds,...",
            description =
                    "Open loop: send R requests per second whatever the target answers, instead of"
                        + " the profile's threads: a constant rate for the profile's (or"
                        + " --duration's) seconds, or steps such as 10:60s,50:60s. Arrivals that"
                        + " could not leave on time are counted, and round trips are measured from"
                        + " each request's intended send time. On a dilated target (k) R/k is sent,"
                        + " R cloud-equivalent.")
    String rate;

    @Option(
            names = "--max-threads",
            paramLabel = "N",
            description =
                    "With --rate: the most threads that send (default: the peak rate"
                            + " x "
                            + ArrivalRate.DEFAULT_SECONDS_IN_FLIGHT
                            + " s, from 4 to "
                            + ArrivalRate.DEFAULT_THREADS_CAP
                            + "); an arrival due while every one is busy leaves late, and is"
                            + " counted.")
    Integer maxThreads;

    /** Whether {@code --rate} was given. */
    boolean openLoop() {
        return rate != null;
    }

    /**
     * {@code profile} in open loop when {@code --rate} was given, else unchanged; the booleans say
     * which closed-loop overrides the command line also gave, {@code duration} is {@code
     * --duration} or null (an open-loop run has no ramp-up, so it is not checked against the
     * profile's).
     */
    LoadProfile apply(
            LoadProfile profile, boolean threadsGiven, boolean rampGiven, Integer duration) {
        boolean durationGiven = duration != null;
        if (rate == null) {
            if (maxThreads != null) {
                throw new IllegalArgumentException(
                        "--max-threads goes with --rate (a closed-loop run's threads are"
                                + " --threads)");
            }
            return profile;
        }
        if (threadsGiven) {
            throw new IllegalArgumentException(
                    "--rate sends at a fixed arrival rate, --threads with a fixed number of"
                        + " threads: give one or the other (--max-threads caps an open-loop run's"
                        + " threads)");
        }
        if (rampGiven) {
            throw new IllegalArgumentException(
                    "--rate has no ramp-up: steps such as 5:30s,20:60s ramp an open-loop run");
        }
        if (durationGiven && ArrivalRate.hasDurations(rate)) {
            throw new IllegalArgumentException(
                    "--rate " + rate + " gives its own durations: leave out --duration");
        }
        if (durationGiven && duration < 1) {
            throw new IllegalArgumentException("--duration is 1 s or more, not " + duration);
        }
        ArrivalRate schedule =
                ArrivalRate.parse(rate, durationGiven ? duration : profile.durationSeconds());
        if (maxThreads != null && maxThreads < 1) {
            throw new IllegalArgumentException("--max-threads is 1 or more, not " + maxThreads);
        }
        return profile.withArrivals(
                schedule, maxThreads != null ? maxThreads : schedule.defaultThreads());
    }
}
