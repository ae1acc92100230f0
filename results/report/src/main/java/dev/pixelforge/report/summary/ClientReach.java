package dev.pixelforge.report.summary;

import dev.pixelforge.report.client.ClientLoad;

import java.util.Locale;

/**
 * How much concurrency the client actually put on a target: requests in flight at full strength
 * (after the ramp-up), by Little's law from the samples (the round trips of every request started
 * after the ramp-up, refused or not, over the time from its end to the last answer), against the
 * plan's threads and the target's reserved concurrency. The first study's question: could its
 * client make Lambda throttle at all?
 *
 * @param inFlight requests in flight on average from the end of the ramp-up on; NaN with no second
 *     after it
 */
public record ClientReach(
        String target, double inFlight, int plannedThreads, int reservedConcurrency) {

    /** Reached means within 5% of it: Little's law over whole seconds is not exact at the edges. */
    private static final double REACHED = 0.95;

    public static ClientReach of(TargetSummary t, ClientLoad client) {
        double sumMicros = 0;
        for (TargetSummary.Second s : t.perSecond()) {
            if (s.second() >= client.rampSeconds()) {
                // In flight from the send (a late arrival's wait was in the client), refusals too:
                // each held a thread.
                sumMicros += s.inFlightMicros();
            }
        }
        // Over the time those requests were in flight: from the end of the ramp-up to the window's
        // last answer.
        double seconds = t.windowSeconds() - client.rampSeconds();
        return new ClientReach(
                t.target(),
                seconds <= 0 ? Double.NaN : sumMicros / 1e6 / seconds,
                client.plannedThreads(),
                client.reservedConcurrency());
    }

    public boolean reachedReservedConcurrency() {
        return reservedConcurrency > 0 && inFlight >= REACHED * reservedConcurrency;
    }

    /** The finding, for a target with a reserved concurrency; empty without one. */
    public String sentence() {
        if (reservedConcurrency == 0 || Double.isNaN(inFlight)) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "%s: the load client kept %.1f requests in flight at full strength (%d threads"
                        + " planned) against a reserved concurrency of %d: it %s.",
                target,
                inFlight,
                plannedThreads,
                reservedConcurrency,
                reachedReservedConcurrency()
                        ? "reached it"
                        : "did not reach it, so the target's throttling was not tested");
    }
}
