package dev.pixelforge.cli;

import dev.pixelforge.core.testing.RepositoryRoot;
import dev.pixelforge.load.images.StudyImageSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The integration tests' runs folders, each with the one image set all of them share: made once per
 * build (about 10 s: twelve images up to 8K), linked into every runs folder, instead of once per
 * folder.
 */
final class ItRuns {

    private static final Path SHARED = RepositoryRoot.resolve("results/cli/target/it-images");

    private ItRuns() {}

    /** {@code results/cli/target/<name>}, whose {@code images} is the shared set. */
    static Path dir(String name) {
        Path runs = RepositoryRoot.resolve("results/cli/target/" + name);
        try {
            link(runs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runs;
    }

    private static synchronized void link(Path runs) throws IOException {
        StudyImageSet.in(SHARED); // a no-op once made
        Files.createDirectories(runs);
        Path images = runs.resolve("images");
        if (!Files.exists(images, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(images, SHARED);
        }
    }
}
