package dev.pixelforge.cli.bench;

import java.util.List;

/** The peers each benchmark needs, by name. */
public final class PeerCheck {

    private PeerCheck() {
    }

    /** Debian's Pillow, for the kernel benchmark. */
    public static void pillow() throws Exception {
        Peers.ensure(List.of(Peers.PYTHON, "-c", "import PIL"), List.of("python3-pil"), "the Pillow peer");
    }
}
