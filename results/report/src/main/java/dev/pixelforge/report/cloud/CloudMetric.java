package dev.pixelforge.report.cloud;

/**
 * One figure a platform reported about a run, as the report shows it: which target, which of the
 * platform's metrics, how it was summarised over the run window, the value and its unit.
 */
public record CloudMetric(
        String target, String source, String metric, String statistic, double value, String unit) {}
