package dev.pixelforge.simulate;

import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.sample.Sample;

import java.util.List;

/**
 * The figures on which an emulated and a simulated run of the same spec must agree, computed the
 * same way from either's records. Steady state here: successful warm requests sent after the last
 * cold request was answered, so that start-up does not weigh on the quantiles.
 *
 * @param billableMillis what the platform bills as time: each served request's process time rounded
 *     up to the millisecond (Lambda's rule), plus each instance's start-up (Lambda bills INIT)
 * @param steady the steady requests' round trips, microseconds
 */
public record RunFigures(
        long samples,
        long successes,
        long throttles,
        int instancesStarted,
        long steadyP50Micros,
        long steadyP95Micros,
        long steadySamples,
        long billableMillis,
        Distribution steady) {

    public static RunFigures of(
            String target, List<Sample> samples, List<InstanceRecord> instances) {
        List<Sample> mine = samples.stream().filter(s -> s.target().equals(target)).toList();
        long lastColdEnd =
                mine.stream()
                        .filter(s -> Boolean.TRUE.equals(s.cold()))
                        .mapToLong(s -> s.startEpochMillis() * 1000 + s.roundTripMicros())
                        .max()
                        .orElse(Long.MIN_VALUE);
        long[] steady =
                mine.stream()
                        .filter(Sample::success)
                        .filter(s -> Boolean.FALSE.equals(s.cold()))
                        .filter(s -> s.startEpochMillis() * 1000 > lastColdEnd)
                        .mapToLong(Sample::roundTripMicros)
                        .toArray();
        long billable =
                mine.stream()
                                .filter(Sample::success)
                                .mapToLong(s -> (s.appMicros() + 999) / 1000)
                                .sum()
                        + instances.stream()
                                .filter(i -> i.target().id().equals(target))
                                .mapToLong(i -> Math.round(Math.max(0, i.readyMillis())))
                                .sum();
        return new RunFigures(
                mine.size(),
                mine.stream().filter(Sample::success).count(),
                mine.stream().filter(Sample::throttled).count(),
                (int) instances.stream().filter(i -> i.target().id().equals(target)).count(),
                steady.length == 0 ? -1 : Distribution.of(steady).quantile(0.5),
                steady.length == 0 ? -1 : Distribution.of(steady).quantile(0.95),
                steady.length,
                billable,
                steady.length == 0 ? null : Distribution.of(steady));
    }

    /**
     * Where {@code micros} falls among this run's steady round trips: the fraction at or below it.
     * Another run's p50 at rank 0.47 here is this run's p47.
     */
    public double rankOf(long micros) {
        return steady == null ? Double.NaN : steady.rankOf(micros);
    }

    /** {@code other / this - 1}: how far {@code other} is from this, as a fraction. */
    public static double off(long self, long other) {
        return self == 0 ? (other == 0 ? 0 : Double.POSITIVE_INFINITY) : (double) other / self - 1;
    }
}
