package dev.pixelforge.load.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The RMI keystore holds a private key: only its owner may read it. */
class KeystoreTest {

    @TempDir Path dir;

    @Test
    void aNewKeystore_andAnOldWorldReadableOne_areReadableByTheirOwnerOnly() throws Exception {
        Path made = dir.resolve("rmi_keystore.jks");
        assertTrue(Keystore.ensure(made));
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));

        Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rw-r--r--"));
        assertFalse(Keystore.ensure(made), "kept, not made again");
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
    }
}
