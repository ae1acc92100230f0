package dev.pixelforge.report.cost;

/**
 * The steady state's busy periods (stretches in which an instance had a request in its function),
 * wall-clock, and the successes they served: what request-based billing bills, without the
 * start-ups the platforms' whole-window metrics include.
 */
public record SteadyBusyTime(long[] periodsMicros, long successes) {

    /**
     * Instance time billed per success, cloud-equivalent ms: each period over k, rounded up to the
     * billing granularity, summed, over the successes.
     */
    public double billedMillisPerSuccess(double dilation, double granularityMillis) {
        double sum = 0;
        for (long p : periodsMicros) {
            sum += Math.ceil(p / dilation / 1000.0 / granularityMillis) * granularityMillis;
        }
        return sum / successes;
    }
}
