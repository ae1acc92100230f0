package dev.pixelforge.cli.simulate;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.platform.sample.InstanceLog;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.simulate.Calibration;
import dev.pixelforge.simulate.RunCalibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A calibration from a run folder: each target's share and dilation from its manifest. */
public final class RunFolderCalibration {

    private RunFolderCalibration() {}

    public static Calibration of(Path runDir, List<Target> targets) throws IOException {
        Path samples = runDir.resolve(RunLayout.SAMPLES);
        if (!Files.exists(samples)) {
            throw new IllegalArgumentException(
                    runDir + " has no " + RunLayout.SAMPLES + ": is it a PixelForge run folder?");
        }
        RunManifest about = RunManifest.read(runDir);
        Map<Target, RunCalibration.Conditions> conditions = new EnumMap<>(Target.class);
        for (Target t : targets) {
            RunManifest.TargetSize size = about.target(t.id());
            conditions.put(
                    t,
                    new RunCalibration.Conditions(
                            size.cpus()
                                    .orElseThrow(
                                            () ->
                                                    new IllegalArgumentException(
                                                            runDir
                                                                    + " does not say "
                                                                    + t.id()
                                                                    + "'s CPU share: did "
                                                                    + t.id()
                                                                    + " run in it?")),
                            size.dilation()));
        }
        RunCalibration from = new RunCalibration(conditions);
        SampleLog.read(samples, from::accept);
        Path instances = runDir.resolve(RunLayout.INSTANCES);
        if (Files.exists(instances)) {
            InstanceLog.read(instances).forEach(from::accept);
        }
        Path leases = runDir.resolve(RunLayout.CLOUD).resolve(RunLayout.LEASES);
        if (Files.exists(leases)) {
            List<String> lines = Files.readAllLines(leases);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                from.accept(
                        new RunCalibration.Lease(
                                Target.of(f[0]), Long.parseLong(f[2]), Long.parseLong(f[3])));
            }
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("source", "run folder " + runDir.toAbsolutePath().normalize());
        provenance.put("run.profile", about.text(RunManifest.PROFILE, "?"));
        provenance.put("run.client", about.text(RunManifest.CLIENT, "?"));
        return from.calibration(provenance);
    }
}
