package dev.pixelforge.cli.bench;

import java.io.IOException;
import java.util.List;

/**
 * The peers' Debian packages: present, or installed (as root, with apt-get) after saying so, or a
 * clear message of what to install. Debian's /usr/bin/python3 is used, not a pyenv one earlier on PATH.
 */
final class Peers {

    static final String PYTHON = "/usr/bin/python3";

    private Peers() {
    }

    /** Makes sure {@code check} succeeds, installing {@code packages} if it does not. */
    static void ensure(List<String> check, List<String> packages, String why) throws IOException, InterruptedException {
        if (succeeds(check)) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !new java.io.File("/usr/bin/apt-get").canExecute()) {
            throw new IllegalStateException(why + " needs Debian's " + String.join(" ", packages)
                    + ": run sudo apt-get install -y " + String.join(" ", packages));
        }
        System.out.println("installing " + String.join(" ", packages) + " (Debian) for " + why + " ...");
        for (List<String> step : List.of(List.of("apt-get", "update", "-qq"),
                List.of("apt-get", "install", "-y", "-qq"))) {
            List<String> cmd = new java.util.ArrayList<>(step);
            if (step.contains("install")) {
                cmd.addAll(packages);
            }
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: install " + String.join(" ", packages) + " yourself");
            }
        }
        if (!succeeds(check)) {
            throw new IllegalStateException("installed " + packages + " but " + String.join(" ", check) + " still fails");
        }
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
