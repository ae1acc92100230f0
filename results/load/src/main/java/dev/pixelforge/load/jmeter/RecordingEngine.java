package dev.pixelforge.load.jmeter;

import org.apache.jorphan.collections.HashTree;

import us.abstracta.jmeter.javadsl.core.TestPlanStats;
import us.abstracta.jmeter.javadsl.core.engines.EmbeddedJmeterEngine;

/**
 * Embedded JMeter without jmeter-java-dsl's own statistics listener: the recorder already keeps
 * every sample (samples.csv, the HdrHistogram log), and the DSL's collector would cost again per
 * request (four P-square percentile estimators, overall and per label, behind shared locks) for a
 * {@link TestPlanStats} nobody reads. Runs therefore return empty stats.
 */
final class RecordingEngine extends EmbeddedJmeterEngine {

    @Override
    protected void addStatsCollector(HashTree tree, TestPlanStats stats) {
        // deliberately nothing: see the class comment
    }
}
