package dev.pixelforge.report.cost;

import java.util.Locale;
import java.util.Properties;

/**
 * What a million responses like the run's cost in data out to the internet, beside compute: the
 * images this tool returns (about 0.58 MB on average) cost more to send than to make.
 *
 * @param meanResponseBytes mean response body of the target's successful samples (samples.csv's
 *     {@code bytes})
 * @param perMillionUsd data out for a million such responses, in US dollars
 * @param basis the unit price and its unit, in a sentence for the report
 */
public record EgressCost(
        String target, double meanResponseBytes, double perMillionUsd, String basis) {

    private static final double GB = 1e9;
    private static final double GIB = 1024.0 * 1024 * 1024;

    public EgressCost {
        if (!(meanResponseBytes >= 0)) {
            throw new IllegalArgumentException(
                    "mean response bytes must be 0 or more, got " + meanResponseBytes);
        }
    }

    /**
     * The egress for {@code target}: Lambda's responses leave through API Gateway, billed per
     * decimal GB at AWS's internet rate; Cloud Run functions' and Cloud Run's per GiB at Google's
     * Premium Tier rate.
     */
    public static EgressCost of(String target, double meanResponseBytes, Properties prices) {
        boolean aws = target.equals("aws-lambda");
        String key = aws ? "aws-lambda.egress-per-gb" : "gcp.egress-per-gib";
        double unitBytes = aws ? GB : GIB;
        double perMillion = meanResponseBytes * 1e6 / unitBytes * CostEstimate.price(prices, key);
        return new EgressCost(
                target,
                meanResponseBytes,
                perMillion,
                String.format(
                        Locale.ROOT,
                        "mean response %.0f bytes x 1e6 at %s USD per %s (%s)",
                        meanResponseBytes,
                        prices.getProperty(key).trim(),
                        aws ? "GB" : "GiB",
                        aws
                                ? "API Gateway data out at EC2 internet rates"
                                : "Premium Tier internet data out, North America"));
    }
}
