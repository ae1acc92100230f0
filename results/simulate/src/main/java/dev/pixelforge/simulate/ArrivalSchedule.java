package dev.pixelforge.simulate;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;

/**
 * Open-loop arrival schedules for {@link Workload.OpenLoop}: each request's due time from the
 * start, in nanoseconds, made as the simulation asks for it, so that an hour at 10,000 a second is
 * never held in memory.
 */
public final class ArrivalSchedule {

    /** A constant rate for a while: {@code perSecond} arrivals a second for {@code seconds}. */
    public record Step(double perSecond, long seconds) {
        public Step {
            if (!(perSecond >= 0) || Double.isInfinite(perSecond) || seconds < 1) {
                throw new IllegalArgumentException(
                        "a step needs a rate of 0 or more and a second or more, got "
                                + perSecond
                                + "/s for "
                                + seconds
                                + " s");
            }
        }
    }

    private ArrivalSchedule() {}

    /**
     * Each step's rate as a Poisson process (exponential gaps, seeded by {@code random}), restarted
     * at the step's start: no arrival of one step falls in the next, and a step at rate 0 has none.
     */
    public static PrimitiveIterator.OfLong poisson(List<Step> steps, SplittableRandom random) {
        List<Step> all = List.copyOf(steps);
        return new PrimitiveIterator.OfLong() {
            int step;
            long stepStart;
            double previous = -1;
            double next = Double.NaN;

            @Override
            public boolean hasNext() {
                advance();
                return step < all.size();
            }

            @Override
            public long nextLong() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the last step has ended");
                }
                long at = (long) next;
                next = Double.NaN;
                return at;
            }

            private void advance() {
                while (Double.isNaN(next) && step < all.size()) {
                    Step s = all.get(step);
                    long end = stepStart + s.seconds() * 1_000_000_000L;
                    double from = Math.max(previous, stepStart);
                    double at =
                            s.perSecond() == 0
                                    ? Double.POSITIVE_INFINITY
                                    : from
                                            - Math.log(1 - random.nextDouble())
                                                    * 1e9
                                                    / s.perSecond();
                    if (at < end) {
                        next = at;
                        previous = at;
                    } else {
                        step++;
                        stepStart = end;
                    }
                }
            }
        };
    }
}
