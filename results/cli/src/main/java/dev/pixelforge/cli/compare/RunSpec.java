package dev.pixelforge.cli.compare;

import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.profile.PlatformProfile;
import java.nio.file.Path;

/**
 * What one comparison is: the load every target gets, what each platform gives an instance, where
 * the run folder goes, and the dated unit prices the report costs it with.
 *
 * @param prices {@code results/pricing.properties}; copied into the run folder when it exists
 * @param jtl    also write {@code jtl/<target>.jtl} for JMeter's tools ({@code samples.csv} has everything the report reads)
 */
public record RunSpec(LoadProfile load, PlatformProfile platform, Path runsDir, Path prices, boolean jtl) {
}
