package dev.pixelforge.report.summary;

import dev.pixelforge.report.client.ClientLoad;
import dev.pixelforge.report.cloud.CloudMetric;
import dev.pixelforge.report.cost.BreakEven;
import dev.pixelforge.report.cost.CostEstimate;
import dev.pixelforge.report.cost.MonthlyCost;

import java.util.List;
import java.util.Map;

/**
 * One run, summarised: what every output format renders. Measurement never touches it. The cloud
 * metrics, cost estimates and monthly costs are empty when the run folder has no cloud/ data or no
 * prices.
 *
 * @param crossChecks counts the run knows two ways (samples, platform metrics, the stand-ins' own
 *     counters)
 * @param client per target, what the load client itself used during its window; empty for runs
 *     before the client watched itself
 */
public record RunSummary(
        String run,
        String profile,
        long startEpochMillis,
        double durationSeconds,
        List<TargetSummary> targets,
        List<CloudMetric> cloud,
        List<CostEstimate> costs,
        List<MonthlyCost> monthly,
        String pricesAsOf,
        String cpuIsolation,
        Map<String, Double> dilation,
        List<String> warnings,
        List<CrossCheck> crossChecks,
        Map<String, ClientLoad> client) {

    /** What a run's manifest says when the stand-ins could not give each instance its CPU share. */
    public static final String NOT_ISOLATED = "CPU not isolated";

    public RunSummary(
            String run,
            String profile,
            long startEpochMillis,
            double durationSeconds,
            List<TargetSummary> targets) {
        this(
                run,
                profile,
                startEpochMillis,
                durationSeconds,
                targets,
                List.of(),
                List.of(),
                List.of(),
                "",
                "",
                Map.of(),
                List.of(),
                List.of(),
                Map.of());
    }

    /**
     * {@code monthlyCosts}: each estimated target's monthly bill against the request rate (the
     * break-even chart's lines).
     */
    public RunSummary withPlatformData(
            List<CloudMetric> cloudMetrics,
            List<CostEstimate> costEstimates,
            List<MonthlyCost> monthlyCosts,
            String asOf) {
        return new RunSummary(
                run,
                profile,
                startEpochMillis,
                durationSeconds,
                targets,
                List.copyOf(cloudMetrics),
                List.copyOf(costEstimates),
                List.copyOf(monthlyCosts),
                asOf,
                cpuIsolation,
                dilation,
                warnings,
                crossChecks,
                client);
    }

    /**
     * Where the monthly lines cross between 1 and 1,000 requests/s, the container's pairs first;
     * empty with fewer than two lines.
     */
    public List<BreakEven> breakEvens() {
        return BreakEven.all(monthly, BreakEven.FROM, BreakEven.TO);
    }

    /**
     * {@code how}: the stand-ins' sentence from the run manifest; empty for deployed targets, which
     * the clouds isolate.
     */
    public RunSummary withCpuIsolation(String how) {
        return new RunSummary(
                run,
                profile,
                startEpochMillis,
                durationSeconds,
                targets,
                cloud,
                costs,
                monthly,
                pricesAsOf,
                how == null ? "" : how,
                dilation,
                warnings,
                crossChecks,
                client);
    }

    /**
     * The scale model's time-dilation factor per target (from the run manifest; absent means 1).
     */
    /** This run with only {@code kept} of its targets (a verdict's participants). */
    public RunSummary withTargets(List<TargetSummary> kept) {
        return new RunSummary(
                run,
                profile,
                startEpochMillis,
                durationSeconds,
                List.copyOf(kept),
                cloud,
                costs.stream()
                        .filter(c -> kept.stream().anyMatch(t -> t.target().equals(c.target())))
                        .toList(),
                monthly,
                pricesAsOf,
                cpuIsolation,
                dilation,
                warnings,
                crossChecks,
                client);
    }

    public RunSummary withDilation(Map<String, Double> factors) {
        return new RunSummary(
                run,
                profile,
                startEpochMillis,
                durationSeconds,
                targets,
                cloud,
                costs,
                monthly,
                pricesAsOf,
                cpuIsolation,
                Map.copyOf(factors),
                warnings,
                crossChecks,
                client);
    }

    /**
     * Sentences a reader must see before any figure: what made this run's figures less than the
     * platforms'.
     */
    public RunSummary withWarnings(List<String> sentences) {
        return new RunSummary(
                run,
                profile,
                startEpochMillis,
                durationSeconds,
                targets,
                cloud,
                costs,
                monthly,
                pricesAsOf,
                cpuIsolation,
                dilation,
                List.copyOf(sentences),
                crossChecks,
                client);
    }

    /** Counts the run knows two ways, side by side. */
    public RunSummary withCrossChecks(List<CrossCheck> checks) {
        return new RunSummary(
                run,
                profile,
                startEpochMillis,
                durationSeconds,
                targets,
                cloud,
                costs,
                monthly,
                pricesAsOf,
                cpuIsolation,
                dilation,
                warnings,
                List.copyOf(checks),
                client);
    }

    /** What the load client used during each target's window, from the run's client.csv. */
    public RunSummary withClient(Map<String, ClientLoad> loads) {
        return new RunSummary(
                run,
                profile,
                startEpochMillis,
                durationSeconds,
                targets,
                cloud,
                costs,
                monthly,
                pricesAsOf,
                cpuIsolation,
                dilation,
                warnings,
                crossChecks,
                Map.copyOf(loads));
    }

    /** {@code t}'s whole window in cloud seconds: wall-clock seconds over its k. */
    public double cloudSeconds(TargetSummary t) {
        return t.windowSeconds() / dilation(t.target());
    }

    /** {@code t}'s steady state in cloud seconds. */
    public double steadyCloudSeconds(TargetSummary t) {
        return t.phase().steadySeconds() / dilation(t.target());
    }

    /** {@code target}'s factor k: its measured times are k times the cloud-equivalent ones. */
    public double dilation(String target) {
        return dilation.getOrDefault(target, 1.0);
    }

    /**
     * Whether any target of the run ran dilated, so that cloud-equivalent figures differ from
     * measured ones. Only the targets that ran: run.properties gives every platform's k, run or
     * not.
     */
    public boolean dilated() {
        return targets.stream().anyMatch(t -> dilation(t.target()) != 1);
    }

    /**
     * Whether any target was sent open-loop arrivals: then round trips are from the intended send
     * time.
     */
    public boolean openLoop() {
        return targets.stream().anyMatch(t -> t.arrivals().openLoop());
    }

    /**
     * What the round trip is in this run, for labels: JMeter's, or from the intended send time in
     * open loop.
     */
    public String roundTripName() {
        return openLoop() ? "round trip from intended send" : "round trip";
    }

    /**
     * False only when the stand-ins ran every instance on every core: then no figure is the
     * platforms'.
     */
    public boolean cpuIsolated() {
        return !cpuIsolation.startsWith(NOT_ISOLATED);
    }
}
