package dev.pixelforge.report.summary;

import dev.pixelforge.report.cloud.CloudMetric;
import dev.pixelforge.report.cost.CostEstimate;
import java.util.List;

/**
 * One run, summarised: what every output format renders. Measurement never touches it. The cloud
 * metrics and cost estimates are empty when the run folder has no cloud/ data or no prices.
 */
public record RunSummary(String run, String profile, long startEpochMillis, double durationSeconds, List<TargetSummary> targets,
                         List<CloudMetric> cloud, List<CostEstimate> costs, String pricesAsOf) {

    public RunSummary(String run, String profile, long startEpochMillis, double durationSeconds, List<TargetSummary> targets) {
        this(run, profile, startEpochMillis, durationSeconds, targets, List.of(), List.of(), "");
    }

    public RunSummary withPlatformData(List<CloudMetric> cloudMetrics, List<CostEstimate> costEstimates, String asOf) {
        return new RunSummary(run, profile, startEpochMillis, durationSeconds, targets, List.copyOf(cloudMetrics), List.copyOf(costEstimates), asOf);
    }
}
