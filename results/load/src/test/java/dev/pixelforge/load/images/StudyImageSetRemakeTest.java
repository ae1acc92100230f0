package dev.pixelforge.load.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A remade image set leaves the files old run folders hard-linked as they were. */
class StudyImageSetRemakeTest {

    @TempDir Path dir;

    @Test
    void remaking_unlinksTheOldFiles_soARunsHardLinkKeepsWhatItWasMeasuredWith()
            throws IOException {
        Path set = Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(set.resolve("json"));
        Files.writeString(set.resolve("025x025-png.png"), "old image");
        Files.writeString(set.resolve("json/025x025-png.json"), "old json");
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.createLink(run.resolve("025x025-png.png"), set.resolve("025x025-png.png"));

        StudyImageSet.unlinkFiles(set);
        Files.writeString(set.resolve("025x025-png.png"), "new image");

        assertEquals("old image", Files.readString(run.resolve("025x025-png.png")));
        assertFalse(Files.exists(set.resolve("json/025x025-png.json")));
    }
}
