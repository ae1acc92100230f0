package dev.pixelforge.cli.bench;

import java.nio.file.Path;
import java.util.List;

/** The peers each benchmark needs, by name. */
public final class PeerCheck {

    private PeerCheck() {}

    /**
     * Debian's Pillow, for the kernel benchmark; {@code root} is the repository's, which holds the
     * installer.
     */
    public static void pillow(Path root) throws Exception {
        Peers.ensure(
                root,
                List.of(Peers.PYTHON, "-c", "import PIL"),
                List.of("python3-pil"),
                "the Pillow peer");
    }
}
