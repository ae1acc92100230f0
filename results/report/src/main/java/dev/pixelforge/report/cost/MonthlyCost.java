package dev.pixelforge.report.cost;

import java.util.Locale;
import java.util.Properties;

/**
 * One target's bill for a 30-day month at a steady request rate, as a straight line: a fixed part
 * (min instances kept idle all month) plus the run's measured cost of one request times the
 * requests. Lambda and API Gateway bill per request; Cloud Run and Cloud Functions on request-based
 * billing bill instance time, which at the run's measured requests per billable instance-second is
 * also a fixed amount per request. The model holds only while instances stay as busy as in the run.
 *
 * @param usdPerRequest the estimate's USD per million / 1e6
 * @param fixedUsdPerMonth min instances billed idle for the whole month (0 for Lambda, or none set)
 * @param basis how the line was reached, in a sentence for the report
 */
public record MonthlyCost(
        String target, double usdPerRequest, double fixedUsdPerMonth, String basis) {

    public static final double SECONDS_PER_MONTH = 30 * 86_400;

    /** USD for a month at {@code requestsPerSecond}, all month long. */
    public double at(double requestsPerSecond) {
        return fixedUsdPerMonth + slope() * requestsPerSecond;
    }

    /** USD a month per request/s of steady traffic. */
    public double slope() {
        return usdPerRequest * SECONDS_PER_MONTH;
    }

    /**
     * {@code minInstances}: the profile's for a Google target (ignored for Lambda, whose
     * provisioned concurrency the profile does not model); {@code recorded}: whether run.properties
     * had it, so the basis can say when 0 was assumed.
     */
    public static MonthlyCost of(
            CostEstimate estimate, int minInstances, boolean recorded, Properties prices) {
        // Start-ups at their stated rate belong to the month's bill; data out is left out (it is
        // priced on its own line, and about the same on every target).
        double startups = estimate.startup() == null ? 0 : estimate.startupPerMillionUsd();
        double perRequest = (estimate.perMillionUsd() + startups) / 1e6;
        if (estimate.target().equals("aws-lambda")) {
            return new MonthlyCost(
                    estimate.target(),
                    perRequest,
                    0,
                    String.format(
                            Locale.ROOT,
                            "%.4f USD per million requests (%.4f of them start-ups) x requests in"
                                    + " the month (Lambda and API Gateway bill per request)",
                            estimate.perMillionUsd() + startups,
                            startups));
        }
        double fixed = 0;
        String idle =
                recorded
                        ? "no min instances"
                        : "no min instances (none recorded in run.properties: 0 assumed)";
        if (minInstances > 0) {
            double perSecond =
                    estimate.cpus()
                                    * CostEstimate.price(
                                            prices, "gcp.idle-min-instance-vcpu-second")
                            + estimate.memoryMb()
                                    / 1024.0
                                    * CostEstimate.price(
                                            prices, "gcp.idle-min-instance-gib-second");
            fixed = minInstances * SECONDS_PER_MONTH * perSecond;
            idle =
                    String.format(
                            Locale.ROOT,
                            "%d min instance%s billed idle all month (%s vCPU, %d MiB at the idle"
                                    + " rates): %.2f USD",
                            minInstances,
                            minInstances == 1 ? "" : "s",
                            estimate.cpus(),
                            estimate.memoryMb(),
                            fixed);
        }
        return new MonthlyCost(
                estimate.target(),
                perRequest,
                fixed,
                String.format(
                        Locale.ROOT,
                        "instance time at the run's %.2f requests per billable instance-second,"
                                + " %.4f USD per million requests (%.4f of them start-ups) x"
                                + " requests in the month, plus %s",
                        1000 / estimate.billedMillis(),
                        estimate.perMillionUsd() + startups,
                        startups,
                        idle));
    }

    /**
     * {@code points} request rates from {@code from} to {@code to}, evenly spaced on a log scale:
     * the chart's x values.
     */
    public static double[] logRates(double from, double to, int points) {
        double[] rates = new double[points];
        for (int i = 0; i < points; i++) {
            rates[i] = from * Math.pow(to / from, i / (double) (points - 1));
        }
        return rates;
    }
}
