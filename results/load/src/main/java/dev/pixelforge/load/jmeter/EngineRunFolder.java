package dev.pixelforge.load.jmeter;

import dev.pixelforge.load.images.StudyImageSet;

import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.testelement.TestStateListener;
import org.apache.jmeter.util.JMeterUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A remote engine's own copy of the run folder, where it cannot see the controller's: JMeter's
 * remote engines read every data file locally, and the plan reads the images and its CSV Data Set
 * from {@code run_dir}. Serialised to the engines with the plan; on each, before any thread starts
 * (the CSV Data Set opens its file on a thread's first iteration), it keeps {@code run_dir} when
 * the controller's folder is there (loopback, a shared file system), or else makes a folder of its
 * own from the engine machine's image set (the same images: they are generated, the same on every
 * machine) and points {@code run_dir} at it. On the controller, and on an engine that is not {@code
 * ./pixelforge engine}, it does nothing.
 */
public final class EngineRunFolder extends AbstractTestElement implements TestStateListener {

    /**
     * The engine's runs folder, set by {@code ./pixelforge engine}: its image set is in {@code
     * images/}.
     */
    public static final String ENGINE_RUNS = "pixelforge.engine.runs";

    private static final String MAX_IMAGE_PIXELS = "max_image_pixels";

    /** For JMeter's cloning (a public no-argument constructor; the state is in properties). */
    public EngineRunFolder() {
        setName("pixelforge engine run folder");
    }

    EngineRunFolder(long maxImagePixels) {
        this();
        setProperty(MAX_IMAGE_PIXELS, Long.toString(maxImagePixels));
    }

    /**
     * On an engine: makes sure {@code run_dir} holds what the plan reads; returns the folder the
     * plan will read.
     */
    Path prepare() throws IOException {
        String runDir = JMeterUtils.getProperty("run_dir");
        String engineRuns = JMeterUtils.getProperty(ENGINE_RUNS);
        if (runDir == null || engineRuns == null || Files.exists(Path.of(runDir, LoadPlan.CSV))) {
            return runDir == null ? null : Path.of(runDir);
        }
        Path own =
                Path.of(engineRuns)
                        .resolve(
                                "engine-"
                                        + ProcessHandle.current().pid()
                                        + "-"
                                        + Path.of(runDir).getFileName());
        if (!Files.exists(own.resolve(LoadPlan.CSV))) {
            RunFolder.populate(
                    own,
                    Long.parseLong(getPropertyAsString(MAX_IMAGE_PIXELS)),
                    StudyImageSet.in(Path.of(engineRuns).resolve("images")));
        }
        JMeterUtils.setProperty("run_dir", own.toString());
        return own;
    }

    @Override
    public void testStarted(String host) {
        try {
            prepare();
        } catch (IOException e) {
            throw new UncheckedIOException("the engine could not make its run folder", e);
        }
    }

    @Override
    public void testStarted() {
        // the controller's, or an embedded run: the run folder is this machine's
    }

    @Override
    public void testEnded() {
        // nothing to undo
    }

    @Override
    public void testEnded(String host) {
        // the folder stays: it is the engine's record of what it sent
    }
}
