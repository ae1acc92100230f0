package dev.pixelforge.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers' Debian packages: present, or installed by {@code results/shell/install-debian.sh}, the
 * installer the shell benchmarks and CI use (as root it runs apt-get after saying so; otherwise it
 * says what to install). Debian's /usr/bin/python3 is used, not a pyenv one earlier on PATH.
 */
final class Peers {

    static final String PYTHON = "/usr/bin/python3";
    static final String INSTALLER = "results/shell/install-debian.sh";

    private Peers() {}

    /**
     * Makes sure {@code check} succeeds, installing {@code packages} with the repository's
     * installer if it does not; {@code why} names what needs them in the installer's messages.
     */
    static void ensure(Path root, List<String> check, List<String> packages, String why)
            throws IOException, InterruptedException {
        if (succeeds(check)) {
            return;
        }
        List<String> install =
                new ArrayList<>(List.of(root.resolve(INSTALLER).toString(), "--for", why));
        install.addAll(packages);
        Process p;
        try {
            // The installer's own messages (what it installs, or what to run instead) reach the
            // terminal.
            p = new ProcessBuilder(install).inheritIO().start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    why
                            + " needs Debian's "
                            + String.join(" ", packages)
                            + ", and "
                            + install.get(0)
                            + " could not run ("
                            + e.getMessage()
                            + "): is "
                            + root
                            + " the repository root?");
        }
        int status = p.waitFor();
        if (status != 0) {
            throw new IllegalStateException(
                    why
                            + " needs Debian's "
                            + String.join(" ", packages)
                            + ", which "
                            + INSTALLER
                            + " did not install (exit "
                            + status
                            + ")");
        }
        if (!succeeds(check)) {
            throw new IllegalStateException(
                    "installed "
                            + String.join(" ", packages)
                            + " but "
                            + String.join(" ", check)
                            + " still fails");
        }
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process p =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
