package dev.pixelforge.report.cost;

import dev.pixelforge.report.cloud.CloudMetric;

import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * What a million requests like the run's would cost on each platform, from the run's measured
 * times, the profile's memory and CPUs, and the dated unit prices in results/pricing.properties.
 *
 * @param billedMillis per request: Lambda's billed duration (REPORT lines when the run has them,
 *     else process time rounded up to 1 ms); Google's instance time, process time rounded up to 100
 *     ms
 * @param perMillionUsd compute and request fees for a million requests, without data out
 * @param basis how the figure was reached, in a sentence for the report
 * @param egress data out for a million responses, on its own line beside compute; null when the run
 *     gave no response sizes
 * @param startup start-ups amortised at a stated rate, on a line of their own; null when not priced
 */
public record CostEstimate(
        String target,
        double billedMillis,
        int memoryMb,
        double cpus,
        double perMillionUsd,
        String basis,
        EgressCost egress,
        StartupCost startup) {

    /** An estimate of compute alone, before its data out is priced. */
    public CostEstimate(
            String target,
            double billedMillis,
            int memoryMb,
            double cpus,
            double perMillionUsd,
            String basis) {
        this(target, billedMillis, memoryMb, cpus, perMillionUsd, basis, null, null);
    }

    /** This estimate with its data out priced, so that compute and egress are shown apart. */
    public CostEstimate withEgress(EgressCost dataOut) {
        return new CostEstimate(
                target, billedMillis, memoryMb, cpus, perMillionUsd, basis, dataOut, startup);
    }

    /** This estimate with its start-ups priced on their own line (null: none). */
    public CostEstimate withStartup(StartupCost startups) {
        return new CostEstimate(
                target, billedMillis, memoryMb, cpus, perMillionUsd, basis, egress, startups);
    }

    /** Start-ups per million requests; NaN when not priced. */
    public double startupPerMillionUsd() {
        return startup == null ? Double.NaN : startup.perMillionUsd();
    }

    /**
     * This estimate with data out priced from the mean response size, or unchanged when the run had
     * no successful response or its price list predates egress prices (older run folders).
     */
    public CostEstimate withEgress(double meanResponseBytes, Properties prices) {
        String key =
                target.equals("aws-lambda") ? "aws-lambda.egress-per-gb" : "gcp.egress-per-gib";
        if (Double.isNaN(meanResponseBytes) || prices.getProperty(key) == null) {
            return this;
        }
        return withEgress(EgressCost.of(target, meanResponseBytes, prices));
    }

    /** Data out per million responses; NaN when not priced, so that no zero passes for a price. */
    public double egressPerMillionUsd() {
        return egress == null ? Double.NaN : egress.perMillionUsd();
    }

    /**
     * The estimate for {@code target}, from its mean process time (the summary's, in microseconds):
     * plain figures in, so that cost depends on no summary type and summaries may hold costs.
     */
    public static CostEstimate of(
            String target,
            double meanProcessMicros,
            int memoryMb,
            double cpus,
            Properties prices,
            List<CloudMetric> cloud) {
        return of(target, meanProcessMicros, 1, memoryMb, cpus, prices, cloud);
    }

    /**
     * {@code dilation}: the run's factor k for this target; platform-reported durations are divided
     * by it too.
     */
    public static CostEstimate of(
            String target,
            double meanProcessMicros,
            double dilation,
            int memoryMb,
            double cpus,
            Properties prices,
            List<CloudMetric> cloud) {
        return of(target, meanProcessMicros, dilation, memoryMb, cpus, prices, cloud, null);
    }

    /**
     * As above; {@code steady}, when not null, is the steady state's busy time (the run was split
     * into phases): Google's instance time then comes from it, since the platforms' own billing
     * metrics cover the whole window, start-ups included, and {@code cloud} is to hold none.
     */
    public static CostEstimate of(
            String target,
            double meanProcessMicros,
            double dilation,
            int memoryMb,
            double cpus,
            Properties prices,
            List<CloudMetric> cloud,
            SteadyBusyTime steady) {
        double processMillis = Math.max(0, meanProcessMicros) / 1000.0;
        if (target.equals("aws-lambda")) {
            Double reported =
                    cloud.stream()
                            .filter(
                                    m ->
                                            m.source().equals("REPORT lines")
                                                    && m.metric().equals("Billed Duration"))
                            .map(CloudMetric::value)
                            .findFirst()
                            .orElse(null);
            double billed = reported != null ? reported / dilation : Math.ceil(processMillis);
            double compute =
                    billed
                            / 1000.0
                            * memoryMb
                            / 1024.0
                            * price(prices, "aws-lambda.gb-second")
                            * 1e6;
            double total =
                    compute
                            + price(prices, "aws-lambda.per-million-requests")
                            + price(prices, "aws-lambda.api-gateway-per-million-requests");
            Double lines =
                    cloud.stream()
                            .filter(
                                    m ->
                                            m.source().equals("REPORT lines")
                                                    && m.metric().equals("invocations"))
                            .map(CloudMetric::value)
                            .findFirst()
                            .orElse(null);
            String from =
                    reported == null
                            ? "mean process time, rounded up to 1 ms"
                            : String.format(
                                    Locale.ROOT,
                                    "mean Billed Duration of the %s REPORT lines (%.2f ms%s)",
                                    lines == null ? "" : Long.toString(Math.round(lines)),
                                    reported,
                                    dilation == 1 ? "" : ", / k");
            return new CostEstimate(
                    target,
                    billed,
                    memoryMb,
                    cpus,
                    total,
                    from
                            + " x "
                            + memoryMb
                            + " MB at "
                            + prices.getProperty("aws-lambda.gb-second").trim()
                            + " USD per GB-second, plus Lambda's "
                            + prices.getProperty("aws-lambda.per-million-requests").trim()
                            + " and API Gateway's "
                            + prices.getProperty("aws-lambda.api-gateway-per-million-requests")
                                    .trim()
                            + " USD per million requests");
        }
        double granularity = price(prices, "gcp.billing-granularity-ms");
        double perVcpuAndGib =
                cpus * price(prices, "gcp.vcpu-second")
                        + memoryMb / 1024.0 * price(prices, "gcp.gib-second");
        Double billable = metric(cloud, target, "container/billable_instance_time", "sum");
        Double reached = metric(cloud, target, "request_count", "sum");
        Double refused = metric(cloud, target, "request_count", "429 sum");
        Double served = reached == null ? null : reached - (refused == null ? 0 : refused);
        if (billable != null && served != null && served > 0) {
            // As Google bills request-based instances: the time each has at least one request in
            // flight
            // (concurrent requests share it) and its start-up, rounded up to 100 ms, per request
            // served.
            double perRequestMillis = billable * 1000 / dilation / served;
            double total =
                    perRequestMillis / 1000.0 * perVcpuAndGib * 1e6
                            + price(prices, "gcp.per-million-requests");
            return new CostEstimate(
                    target,
                    perRequestMillis,
                    memoryMb,
                    cpus,
                    total,
                    String.format(
                            Locale.ROOT,
                            "billable instance time (Cloud Monitoring billable_instance_time, %.1f"
                                    + " s%s) / %d requests served (request_count), x %s",
                            billable / dilation,
                            dilation == 1 ? "" : " cloud-equivalent",
                            Math.round(served),
                            rates(cpus, memoryMb, prices)));
        }
        if (steady != null && steady.successes() > 0 && steady.periodsMicros().length > 0) {
            double perRequestMillis = steady.billedMillisPerSuccess(dilation, granularity);
            return new CostEstimate(
                    target,
                    perRequestMillis,
                    memoryMb,
                    cpus,
                    perRequestMillis / 1000.0 * perVcpuAndGib * 1e6
                            + price(prices, "gcp.per-million-requests"),
                    String.format(
                            Locale.ROOT,
                            "steady-state instance time (each instance's busy periods, concurrent"
                                    + " requests sharing them, each rounded up to %d ms%s) / %d"
                                    + " successes, x %s",
                            (long) granularity,
                            dilation == 1 ? "" : ", / k",
                            steady.successes(),
                            rates(cpus, memoryMb, prices)));
        }
        double billed = Math.ceil(processMillis / granularity) * granularity;
        double compute = billed / 1000.0 * perVcpuAndGib * 1e6;
        double total = compute + price(prices, "gcp.per-million-requests");
        String sharing =
                target.equals("container")
                        ? "; an upper bound, with no billable_instance_time in the run folder:"
                              + " concurrent requests share an instance's billed time, counted here"
                              + " once each"
                        : "";
        return new CostEstimate(
                target,
                billed,
                memoryMb,
                cpus,
                total,
                "mean process time, rounded up to "
                        + (long) granularity
                        + " ms, x "
                        + rates(cpus, memoryMb, prices)
                        + sharing);
    }

    /** The Google unit prices applied, so the report's sentence names every figure it used. */
    private static String rates(double cpus, int memoryMb, Properties prices) {
        return cpus
                + " vCPU at "
                + prices.getProperty("gcp.vcpu-second").trim()
                + " USD per vCPU-second and "
                + memoryMb
                + " MiB at "
                + prices.getProperty("gcp.gib-second").trim()
                + " USD per GiB-second, plus "
                + prices.getProperty("gcp.per-million-requests").trim()
                + " USD per million requests";
    }

    private static Double metric(
            List<CloudMetric> cloud, String target, String metric, String statistic) {
        return cloud.stream()
                .filter(
                        m ->
                                m.target().equals(target)
                                        && m.metric().equals(metric)
                                        && m.statistic().equals(statistic))
                .map(CloudMetric::value)
                .findFirst()
                .orElse(null);
    }

    /** A unit price of the run's price list; a missing one is a clear error naming the key. */
    public static double price(Properties prices, String key) {
        String v = prices.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("pricing file has no " + key);
        }
        return Double.parseDouble(v.trim());
    }
}
