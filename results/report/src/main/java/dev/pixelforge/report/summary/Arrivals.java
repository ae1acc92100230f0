package dev.pixelforge.report.summary;

/**
 * An open-loop target's arrivals: what was planned, what left, and how late. A request left late
 * when it left a millisecond or more after it was due ({@code send_lag_us}, {@code
 * Sample.LATE_MICROS}): no thread of the pool was free, or the one that was woke late (a client
 * short of CPU); its round trip in the report is from the time it was due, so that the wait shows
 * as the target's queue.
 *
 * @param sent requests with an intended send time (every request of an open-loop target)
 * @param late of those, the ones that left after it
 * @param sendLag how late each left (microseconds, 0 on time)
 */
public record Arrivals(ArrivalPlan plan, long sent, long late, Distribution sendLag) {

    public static final Arrivals CLOSED_LOOP =
            new Arrivals(ArrivalPlan.NONE, 0, 0, Distribution.EMPTY);

    public boolean openLoop() {
        return sent > 0 || plan.known();
    }

    /**
     * Planned arrivals that never left (still waiting for a thread when the run's drain ended); 0
     * without a plan.
     */
    public long notSent() {
        return plan.known() ? Math.max(0, plan.planned() - sent) : 0;
    }

    /** Requests sent per second of the schedule; NaN without a plan. */
    public double achievedPerSecond() {
        return plan.seconds() > 0 ? sent / (double) plan.seconds() : Double.NaN;
    }
}
