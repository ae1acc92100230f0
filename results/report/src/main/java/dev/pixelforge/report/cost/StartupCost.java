package dev.pixelforge.report.cost;

import java.util.Locale;
import java.util.Properties;

/**
 * What start-ups add to a million requests, apart from the steady state's compute: one start-up's
 * billed time at the target's rates, times a stated number of cold starts per million requests
 * (pricing.properties' {@code startup.cold-starts-per-million}, an assumption, not a measurement: a
 * short run's own rate, a few start-ups over a few cloud-minutes, would spread them over too few
 * requests). Lambda bills the INIT phase at the function's memory rate (AWS, from 1 August 2025,
 * for every on-demand function); Cloud Run and Cloud Run functions bill an instance's start-up as
 * instance time.
 *
 * @param startupMillis one start-up, cloud-equivalent: Lambda's Init Duration, an instance's
 *     spawn-to-ready elsewhere
 * @param coldStartsPerMillion the stated rate
 */
public record StartupCost(
        String target,
        double startupMillis,
        double coldStartsPerMillion,
        double perMillionUsd,
        String basis) {

    /** The pricing key of the stated rate. */
    public static final String RATE_KEY = "startup.cold-starts-per-million";

    /**
     * {@code target}'s start-up cost at its size, or null when the price list states no rate or the
     * run measured no start-up.
     */
    public static StartupCost of(
            String target, double startupMillis, int memoryMb, double cpus, Properties prices) {
        String rate = prices.getProperty(RATE_KEY);
        if (rate == null || !(startupMillis > 0)) {
            return null;
        }
        double perMillion = Double.parseDouble(rate.trim());
        double perSecond =
                target.equals("aws-lambda")
                        ? memoryMb / 1024.0 * CostEstimate.price(prices, "aws-lambda.gb-second")
                        : cpus * CostEstimate.price(prices, "gcp.vcpu-second")
                                + memoryMb / 1024.0 * CostEstimate.price(prices, "gcp.gib-second");
        double perColdStart = startupMillis / 1000.0 * perSecond;
        return new StartupCost(
                target,
                startupMillis,
                perMillion,
                perColdStart * perMillion,
                String.format(
                        Locale.ROOT,
                        "%.0f ms per start-up (%s) x %.0f start-ups per million requests (stated,"
                                + " %s)",
                        startupMillis,
                        target.equals("aws-lambda") ? "Init Duration" : "spawn to ready",
                        perMillion,
                        RATE_KEY));
    }
}
