package dev.pixelforge.cli.simulate;

import dev.pixelforge.standins.Deployables;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a calibration depends on: the deployables it measured (their hashes), the JDK, the profile
 * and the calibration's own load. A calibration whose key differs from today's is stale: remade,
 * never reused.
 */
public final class CalibrationKey {

    private CalibrationKey() {}

    /** The provenance entries a calibration made now is stamped with; {@code key} among them. */
    public static Map<String, String> of(Deployables jars, String profileText, String load)
            throws IOException {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("deployable.aws-lambda.sha256", sha256(jars.lambdaJar()));
        key.put("deployable.gcp-function.sha256", sha256(jars.functionJar()));
        key.put("deployable.container.sha256", sha256(jars.containerJar()));
        key.put(
                "jdk",
                System.getProperty("java.vendor")
                        + " "
                        + System.getProperty("java.runtime.version"));
        key.put("profile.sha256", sha256(profileText.getBytes()));
        key.put("load", load);
        key.put("key", sha256(String.join("\n", key.values()).getBytes()));
        return key;
    }

    /** The entries of {@code key} that a stored calibration's provenance must equal to be fresh. */
    public static List<String> stale(Map<String, String> stored, Map<String, String> now) {
        return now.keySet().stream()
                .filter(k -> !k.equals("key"))
                .filter(k -> !now.get(k).equals(stored.get(k)))
                .toList();
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = digest();
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
