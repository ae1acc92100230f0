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
 * @param client the load client's own machine (a JVM in a CPU quota and memory limit); null to run
 *     it in this JVM
 * @param engines remote JMeter engines that make the load instead of this JVM ({@code --engines});
 *     null for none
 */
public record RunSpec(
        LoadProfile load,
        PlatformProfile platform,
        Path runsDir,
        Path prices,
        LoadRunner.Outputs outputs,
        ClientLimits client,
        EngineSet engines) {

    public RunSpec(
            LoadProfile load,
            PlatformProfile platform,
            Path runsDir,
            Path prices,
            LoadRunner.Outputs outputs,
            ClientLimits client) {
        this(load, platform, runsDir, prices, outputs, client, null);
    }

    public RunSpec {
        if (client != null && engines != null) {
            throw new IllegalArgumentException(
                    "--engines make the load on their own machines: --client and --client-cpus"
                            + " model one machine, give one or the other");
        }
    }
}
