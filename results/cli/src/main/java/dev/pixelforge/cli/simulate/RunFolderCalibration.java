package dev.pixelforge.cli.simulate;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.sample.InstanceLog;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.simulate.Calibration;
import dev.pixelforge.simulate.RunCalibration;
import dev.pixelforge.standins.metrics.LocalCloudShapes;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** A calibration from a run folder: each target's share and dilation from its manifest. */
public final class RunFolderCalibration {

    private RunFolderCalibration() {}

    public static Calibration of(Path runDir, List<Target> targets) throws IOException {
        Path samples = runDir.resolve("samples.csv");
        if (!Files.exists(samples)) {
            throw new IllegalArgumentException(
                    runDir + " has no samples.csv: is it a PixelForge run folder?");
        }
        Properties about = new Properties();
        try (Reader in = Files.newBufferedReader(runDir.resolve("run.properties"))) {
            about.load(in);
        }
        Map<Target, RunCalibration.Conditions> conditions = new EnumMap<>(Target.class);
        for (Target t : targets) {
            conditions.put(
                    t,
                    new RunCalibration.Conditions(
                            Double.parseDouble(about.getProperty("cpus." + t.id(), "1")),
                            Double.parseDouble(about.getProperty("dilation." + t.id(), "1"))));
        }
        RunCalibration from = new RunCalibration(conditions);
        SampleLog.read(samples, from::accept);
        Path instances = runDir.resolve("instances.csv");
        if (Files.exists(instances)) {
            InstanceLog.read(instances).forEach(from::accept);
        }
        Path leases = runDir.resolve("cloud").resolve(LocalCloudShapes.LEASES_FILE);
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
        provenance.put("run.profile", about.getProperty("profile", "?"));
        provenance.put("run.client", about.getProperty("client", "?"));
        return from.calibration(provenance);
    }
}
