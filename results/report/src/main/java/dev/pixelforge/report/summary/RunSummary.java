package dev.pixelforge.report.summary;

import dev.pixelforge.report.cloud.CloudMetric;
import dev.pixelforge.report.cost.CostEstimate;
import java.util.List;

/**
 * One run, summarised: what every output format renders. Measurement never touches it. The cloud
 * metrics and cost estimates are empty when the run folder has no cloud/ data or no prices.
 */
public record RunSummary(String run, String profile, long startEpochMillis, double durationSeconds, List<TargetSummary> targets,
                         List<CloudMetric> cloud, List<CostEstimate> costs, String pricesAsOf, String cpuIsolation) {

    /** What a run's manifest says when the stand-ins could not give each instance its CPU share. */
    public static final String NOT_ISOLATED = "CPU not isolated";

    public RunSummary(String run, String profile, long startEpochMillis, double durationSeconds, List<TargetSummary> targets) {
        this(run, profile, startEpochMillis, durationSeconds, targets, List.of(), List.of(), "", "");
    }

    public RunSummary withPlatformData(List<CloudMetric> cloudMetrics, List<CostEstimate> costEstimates, String asOf) {
        return new RunSummary(run, profile, startEpochMillis, durationSeconds, targets, List.copyOf(cloudMetrics), List.copyOf(costEstimates),
                asOf, cpuIsolation);
    }

    /** {@code how}: the stand-ins' sentence from the run manifest; empty for deployed targets, which the clouds isolate. */
    public RunSummary withCpuIsolation(String how) {
        return new RunSummary(run, profile, startEpochMillis, durationSeconds, targets, cloud, costs, pricesAsOf, how == null ? "" : how);
    }

    /** False only when the stand-ins ran every instance on every core: then no figure is the platforms'. */
    public boolean cpuIsolated() {
        return !cpuIsolation.startsWith(NOT_ISOLATED);
    }
}
