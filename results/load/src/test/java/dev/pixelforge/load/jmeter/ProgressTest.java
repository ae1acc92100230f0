package dev.pixelforge.load.jmeter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The progress line of a dilated target counts in cloud time, and says k and the wall clock. */
class ProgressTest {

    @TempDir Path dir;

    @Test
    void dilatedTarget_showsPlannedCloudTime_kAndTheWallClock() throws Exception {
        try (LatencyLog latency = new LatencyLog(dir.resolve("t.hlog"))) {
            // 60 cloud-seconds at k = 4.82 were sent as 289 wall-clock seconds.
            String line = new Progress("aws-lambda", 289, latency, 4.82).line();
            assertTrue(
                    line.matches(
                            "aws-lambda +0:0\\d / 1:00 cloud \\(k = 4\\.82, wall 0:0\\d\\) .*"),
                    line);
            String plain = new Progress("container", 60, latency).line();
            assertTrue(plain.matches("container +0:0\\d / 1:00  .*"), plain);
        }
    }
}
