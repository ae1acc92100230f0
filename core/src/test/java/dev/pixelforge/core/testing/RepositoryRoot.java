package dev.pixelforge.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's root directory, for tests that run its scripts, jars and files: the nearest
 * directory at or above the working directory that holds both {@code ./pixelforge} and {@code
 * core/pom.xml}. Maven runs each module's tests in that module's directory, however deep.
 */
public final class RepositoryRoot {

    private static final Path ROOT =
            find(Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize());

    private RepositoryRoot() {}

    public static Path path() {
        return ROOT;
    }

    /** {@code relative} under the root. */
    public static Path resolve(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path find(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pixelforge"))
                    && Files.isRegularFile(dir.resolve("core/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no PixelForge repository at or above " + from);
    }
}
