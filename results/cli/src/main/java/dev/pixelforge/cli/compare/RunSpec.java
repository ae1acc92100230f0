package dev.pixelforge.cli.compare;

import dev.pixelforge.load.jmeter.LoadRunner;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.profile.PlatformProfile;
import java.nio.file.Path;

/**
 * What one comparison is: the load every target gets, what each platform gives an instance, where
 * the run folder goes, and the dated unit prices the report costs it with.
 *
 * @param prices {@code results/pricing.properties}; copied into the run folder when it exists
 * @param outputs what the run writes besides samples.csv: a JTL, JMeter's dashboard
 * @param client  the load client's own machine (a JVM in a CPU quota and memory limit); null to run it in this JVM
 */
public record RunSpec(LoadProfile load, PlatformProfile platform, Path runsDir, Path prices, LoadRunner.Outputs outputs, ClientLimits client) {
}
