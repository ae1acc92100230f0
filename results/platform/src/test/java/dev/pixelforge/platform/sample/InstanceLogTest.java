package dev.pixelforge.platform.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** instances.csv carries the JDK each instance ran on, and still reads files from before it. */
class InstanceLogTest {

    @TempDir Path dir;

    @Test
    void writeThenRead_keepsTheJdk_withoutItsCommas() throws IOException {
        Path file = dir.resolve("instances.csv");
        InstanceRecord r =
                new InstanceRecord(
                        Target.AWS_LAMBDA,
                        1,
                        42,
                        1823.8,
                        200_000,
                        5_000,
                        8,
                        0.289,
                        120,
                        "Eclipse Adoptium 25.0.3+9-LTS / bundled IJG libjpeg 6b");
        InstanceLog.write(file, List.of(r));
        assertEquals(
                "aws-lambda,1,42,1823.8,200000,5000,8,0.289,120,"
                        + "Eclipse Adoptium 25.0.3+9-LTS / bundled IJG libjpeg 6b",
                Files.readAllLines(file).get(1));
        assertEquals(List.of(r), InstanceLog.read(file));
    }

    @Test
    void read_takesAFileFromBeforeTheJdkColumn() throws IOException {
        Path file = dir.resolve("old.csv");
        Files.writeString(
                file,
                "target,instance,pid,ready_ms,peak_rss_kb,cpu_ms,requests,cpu_quota,throttled_ms\n"
                        + "container,2,7,900.0,1000,10,1,1.000,0\n");
        assertEquals("", InstanceLog.read(file).get(0).jdk());
    }
}
