package dev.pixelforge.load.engines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The RMI keystore, made once with the JDK's keytool as JMeter's {@code bin/create-rmi-keystore.sh}
 * makes it (RSA 2048, alias {@code rmi}, password {@code changeit}, valid 7 days), so that a stock
 * JMeter server or client can use the same file. Every engine and the controller need that same
 * file.
 */
public final class Keystore {

    public static final int VALID_DAYS = 7;

    private Keystore() {}

    /**
     * {@code file}, made first if it does not exist, and readable by its owner only (it holds the
     * private key every engine and the controller trust); true when it was made now.
     */
    public static boolean ensure(Path file) throws IOException, InterruptedException {
        if (Files.exists(file)) {
            ownerOnly(file);
            return false;
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p =
                new ProcessBuilder(
                                List.of(
                                        keytool.toString(),
                                        "-genkeypair",
                                        "-keyalg",
                                        "RSA",
                                        "-keysize",
                                        "2048",
                                        "-alias",
                                        RmiSettings.ALIAS,
                                        "-keystore",
                                        file.toString(),
                                        "-storetype",
                                        "JKS",
                                        "-storepass",
                                        RmiSettings.PASSWORD,
                                        "-keypass",
                                        RmiSettings.PASSWORD,
                                        "-validity",
                                        Integer.toString(VALID_DAYS),
                                        "-dname",
                                        "CN=pixelforge-engine"))
                        .redirectErrorStream(true)
                        .start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !Files.exists(file)) {
            throw new IOException("keytool could not make " + file + ": " + output.trim());
        }
        ownerOnly(file);
        return true;
    }

    /** rw------- where the file system has POSIX permissions (elsewhere its own rules hold). */
    static void ownerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
