package dev.pixelforge.standins.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A cgroup memory limit for one process (the load client's own JVM): v1's memory controller ({@code
 * memory.limit_in_bytes}) or v2's {@code memory.max}. The group is made inside this process's own
 * memory group, so that whatever limits this process still limits the client too. Where none can be
 * made it says why, and the caller runs unlimited and says so.
 */
public final class MemoryLimit implements AutoCloseable {

    private static final Path V1 = Path.of("/sys/fs/cgroup/memory");
    private static final Path V2 = Path.of("/sys/fs/cgroup");

    private final Path dir; // null when no limit could be set
    private final boolean v2;
    private final long bytes;
    private final String describe;

    private MemoryLimit(Path dir, boolean v2, long bytes, String describe) {
        this.dir = dir;
        this.v2 = v2;
        this.bytes = bytes;
        this.describe = describe;
    }

    /**
     * A group named {@code name} holding its processes to {@code bytes}, or none, with the reason
     * in {@link #describe()}.
     */
    public static MemoryLimit create(String name, long bytes) {
        String why;
        try {
            Optional<Group> own = ownGroup(Path.of("/proc/self/cgroup"), Files.isDirectory(V1));
            if (own.isPresent()) {
                Group g = own.get();
                Path dir =
                        fresh(
                                (g.v2() ? V2 : V1)
                                        .resolve(g.path().replaceFirst("^/", ""))
                                        .resolve(name));
                Files.writeString(
                        dir.resolve(g.v2() ? "memory.max" : "memory.limit_in_bytes"),
                        Long.toString(bytes));
                return new MemoryLimit(
                        dir,
                        g.v2(),
                        bytes,
                        String.format(
                                Locale.ROOT,
                                "a cgroup %s memory limit of %d MiB (%s)",
                                g.v2() ? "v2" : "v1",
                                bytes >> 20,
                                dir));
            }
            why = "this process is in no memory cgroup";
        } catch (IOException | RuntimeException e) {
            why = "no memory cgroup could be made (" + e + ")";
        }
        return new MemoryLimit(null, false, bytes, "memory not limited: " + why);
    }

    /** This process's memory group: its path in v1's memory hierarchy, else in v2's unified one. */
    record Group(boolean v2, String path) {}

    /**
     * {@code v1Mounted}: whether v1's memory hierarchy is mounted, which a hybrid host's v1 line
     * names.
     */
    static Optional<Group> ownGroup(Path procSelfCgroup, boolean v1Mounted) throws IOException {
        List<String> lines = Files.readAllLines(procSelfCgroup);
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && List.of(f[1].split(",")).contains("memory") && v1Mounted) {
                return Optional.of(new Group(false, f[2]));
            }
        }
        return lines.stream()
                .filter(l -> l.startsWith("0::"))
                .findFirst()
                .map(l -> new Group(true, l.substring(3)));
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            Files.delete(dir); // an earlier run's, empty: a group with processes in it cannot be
            // removed, and this fails
        }
        return Files.createDirectory(dir);
    }

    public boolean limited() {
        return dir != null;
    }

    public long bytes() {
        return bytes;
    }

    /** Writing a pid here puts that process under the limit; empty when there is none. */
    public List<Path> joinFiles() {
        return dir == null ? List.of() : List.of(dir.resolve("cgroup.procs"));
    }

    /**
     * The most the group's processes held at once, or -1 when unknown (no limit, or a v2 kernel
     * without memory.peak).
     */
    public long peakBytes() throws IOException {
        Path peak =
                dir == null ? null : dir.resolve(v2 ? "memory.peak" : "memory.max_usage_in_bytes");
        return peak == null || !Files.exists(peak)
                ? -1
                : Long.parseLong(Files.readString(peak).trim());
    }

    public String describe() {
        return describe;
    }

    /**
     * Removes the group; its processes must have exited (the kernel refuses otherwise, and that is
     * an error).
     */
    @Override
    public void close() throws IOException {
        if (dir != null) {
            Files.deleteIfExists(dir);
        }
    }
}
