package dev.pixelforge.results.report;

import java.util.List;

/** One run, summarised: what every output format renders. Measurement never touches it. */
public record RunSummary(String run, String profile, long startEpochMillis, double durationSeconds, List<TargetSummary> targets) {
}
