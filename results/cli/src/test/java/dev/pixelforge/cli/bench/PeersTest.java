package dev.pixelforge.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Peers installs through the repository's installer, results/shell/install-debian.sh, and only when
 * the check fails: here a stand-in installer under a temporary root records its arguments and exits
 * as told.
 */
class PeersTest {

    @TempDir Path root;

    private Path calls;
    private Path installed;

    /**
     * An installer that appends its arguments to {@code calls}, creates {@code installed} when
     * asked, exits {@code status}.
     */
    private void installer(int status, boolean installs) throws IOException {
        calls = root.resolve("calls.txt");
        installed = root.resolve("installed");
        Path script = root.resolve(Peers.INSTALLER);
        Files.createDirectories(script.getParent());
        Files.writeString(
                script,
                "#!/bin/sh\n"
                        + "printf '%s|' \"$@\" >> '"
                        + calls
                        + "'\n"
                        + (installs ? "touch '" + installed + "'\n" : "")
                        + "exit "
                        + status
                        + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> check() {
        return List.of("test", "-e", installed.toString());
    }

    @Test
    void aPassingCheck_runsNoInstaller() throws Exception {
        installer(0, true);
        Files.createFile(installed);
        Peers.ensure(root, check(), List.of("python3-pil"), "the Pillow peer");
        assertFalse(Files.exists(calls));
    }

    @Test
    void aFailingCheck_runsTheInstaller_withWhoAndThePackages() throws Exception {
        installer(0, true);
        Peers.ensure(root, check(), List.of("python3-pil", "gunicorn"), "the Pillow peer");
        assertEquals("--for|the Pillow peer|python3-pil|gunicorn|", Files.readString(calls));
    }

    @Test
    void anInstallerThatFails_isReported_withItsStatus() throws Exception {
        installer(1, false);
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                Peers.ensure(
                                        root, check(), List.of("python3-pil"), "the Pillow peer"));
        assertEquals(
                "the Pillow peer needs Debian's python3-pil, which results/shell/install-debian.sh"
                        + " did not install (exit 1)",
                e.getMessage());
    }

    @Test
    void aCheckThatStillFails_afterInstalling_isReported() throws Exception {
        installer(0, false);
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                Peers.ensure(
                                        root, check(), List.of("python3-pil"), "the Pillow peer"));
        assertEquals(
                "installed python3-pil but test -e " + installed + " still fails", e.getMessage());
    }

    @Test
    void aRootWithoutTheInstaller_says_so() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                Peers.ensure(
                                        root,
                                        List.of("false"),
                                        List.of("python3-pil"),
                                        "the Pillow peer"));
        assertEquals(
                true,
                e.getMessage()
                        .startsWith(
                                "the Pillow peer needs Debian's python3-pil, and "
                                        + root.resolve(Peers.INSTALLER)
                                        + " could not run ("),
                e.getMessage());
        assertEquals(
                true,
                e.getMessage().endsWith("): is " + root + " the repository root?"),
                e.getMessage());
    }
}
