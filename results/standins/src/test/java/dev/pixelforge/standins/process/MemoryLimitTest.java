package dev.pixelforge.standins.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which memory group this process is in, read from /proc/self/cgroup as v1 and v2 hosts write it.
 */
class MemoryLimitTest {

    @TempDir Path dir;

    @Test
    void hybridHost_givesTheV1MemoryPath() throws IOException {
        Path cgroup =
                Files.writeString(
                        dir.resolve("cgroup"),
                        "9:name=systemd:/\n4:memory:/process_api/abc\n1:cpu:/\n0::/\n");
        assertEquals(
                Optional.of(new MemoryLimit.Group(false, "/process_api/abc")),
                MemoryLimit.ownGroup(cgroup, true));
    }

    @Test
    void v2Only_givesTheUnifiedPath() throws IOException {
        Path cgroup = Files.writeString(dir.resolve("cgroup"), "0::/user.slice/session-1.scope\n");
        assertEquals(
                Optional.of(new MemoryLimit.Group(true, "/user.slice/session-1.scope")),
                MemoryLimit.ownGroup(cgroup, false));
    }

    @Test
    void noMemoryGroupAtAll_givesNone() throws IOException {
        Path cgroup = Files.writeString(dir.resolve("cgroup"), "1:cpu:/\n");
        assertEquals(Optional.empty(), MemoryLimit.ownGroup(cgroup, true));
    }
}
