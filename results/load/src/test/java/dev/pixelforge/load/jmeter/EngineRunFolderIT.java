package dev.pixelforge.load.jmeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jmeter.util.JMeterUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import us.abstracta.jmeter.javadsl.core.engines.JmeterEnvironment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An engine on another machine, where the controller's run folder is not: the element, as it
 * arrives (cloned and serialised like the rest of the plan), makes the engine's own folder from the
 * engine's image set and points {@code run_dir} at it. An IT because the image set takes tens of
 * seconds to make.
 */
class EngineRunFolderIT {

    @TempDir static Path engineRuns;

    @BeforeAll
    static void jmeter() throws Exception {
        new JmeterEnvironment(); // JMeter's properties, as on an engine
    }

    @Test
    void controllersFolderMissing_engineMakesItsOwn_withTheImagesUpToTheRunsSize()
            throws Exception {
        JMeterUtils.setProperty(EngineRunFolder.ENGINE_RUNS, engineRuns.toString());
        JMeterUtils.setProperty("run_dir", "/nowhere/results/runs/20261202-060000-quick");
        EngineRunFolder arrived =
                overTheWire((EngineRunFolder) new EngineRunFolder(640L * 480).clone());

        Path own = arrived.prepare();

        assertEquals(
                engineRuns.resolve(
                        "engine-" + ProcessHandle.current().pid() + "-20261202-060000-quick"),
                own);
        assertEquals(own.toString(), JMeterUtils.getProperty("run_dir"));
        List<String> csv = Files.readAllLines(own.resolve(LoadPlan.CSV));
        assertEquals("name,format,content_type,file,json_file", csv.get(0));
        assertTrue(csv.size() > 1, "at least one image up to 640x480");
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",");
            assertTrue(Files.isRegularFile(own.resolve(f[3])), row);
            assertTrue(Files.isRegularFile(own.resolve(f[4])), row);
            String[] wh = f[0].split("-")[0].split("x");
            assertTrue(Long.parseLong(wh[0]) * Long.parseLong(wh[1]) <= 640L * 480, row);
        }
    }

    @Test
    void controllersFolderHere_isKept() throws Exception {
        Path controllers = Files.createDirectories(engineRuns.resolve("controllers-run"));
        Files.writeString(
                controllers.resolve(LoadPlan.CSV), "name,format,content_type,file,json_file\n");
        JMeterUtils.setProperty(EngineRunFolder.ENGINE_RUNS, engineRuns.toString());
        JMeterUtils.setProperty("run_dir", controllers.toString());

        assertEquals(controllers, new EngineRunFolder(640L * 480).prepare());
        assertEquals(controllers.toString(), JMeterUtils.getProperty("run_dir"));
    }

    private static EngineRunFolder overTheWire(EngineRunFolder element) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(element);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (EngineRunFolder) in.readObject();
        }
    }
}
