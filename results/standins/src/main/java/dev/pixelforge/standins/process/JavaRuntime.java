package dev.pixelforge.standins.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A JDK an instance runs on, and the ImageIO JPEG codec it carries: the portable builds the
 * platforms run (Lambda's Corretto, Google's Java runtimes, Temurin) bundle IJG libjpeg 6b, while
 * Debian's OpenJDK links the system's libjpeg-turbo; on the 8K JPEG the two differ about 3x
 * (container/Dockerfile's measurement).
 *
 * @param vendor IMPLEMENTOR of the JDK's {@code release} file ("Eclipse Adoptium", "Debian")
 * @param version JAVA_RUNTIME_VERSION (or JAVA_VERSION) of the same file
 */
public record JavaRuntime(Path home, String vendor, String version, JpegCodec codec) {

    /** The ImageIO JPEG codec a JDK's {@code lib/libjavajpeg.so} is. */
    public enum JpegCodec {
        BUNDLED_IJG("bundled IJG libjpeg 6b"),
        SYSTEM_LIBJPEG("the system's libjpeg (libjpeg-turbo on Debian)"),
        UNKNOWN("unknown JPEG codec");

        private final String words;

        JpegCodec(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** The profile's word for "a JDK with the bundled codec, as the serverless platforms run". */
    public static final String BUNDLED_JPEG = "bundled-jpeg";

    /** The profile's word for the JDK running this command (Debian's OpenJDK 17 here). */
    public static final String CURRENT = "current";

    /** Where Debian (and Temurin's Debian packages) put JDKs. */
    static final Path JVM_DIR = Path.of("/usr/lib/jvm");

    public Path java() {
        return home.resolve("bin/java");
    }

    /**
     * "Eclipse Adoptium 25.0.3+9-LTS / bundled IJG libjpeg 6b": for logs, instances.csv and the
     * report (no commas).
     */
    public String describe() {
        return (vendor + " " + version + " / " + codec.words()).replace(',', ';');
    }

    /** The JDK running this JVM. */
    public static JavaRuntime current() {
        return of(Path.of(System.getProperty("java.home")))
                .orElseThrow(
                        () -> new IllegalStateException("this JVM's own home has no bin/java"));
    }

    /** The JDK at {@code home}, when it has a {@code bin/java}. */
    public static Optional<JavaRuntime> of(Path home) {
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            return Optional.empty();
        }
        Properties release = new Properties();
        try {
            release.load(Files.newBufferedReader(home.resolve("release")));
        } catch (IOException | RuntimeException noReleaseFile) {
            // a JDK without its release file: vendor and version unknown, still runnable
        }
        String vendor = unquote(release.getProperty("IMPLEMENTOR", "unknown vendor"));
        String version =
                unquote(
                        release.getProperty(
                                "JAVA_RUNTIME_VERSION",
                                release.getProperty("JAVA_VERSION", "unknown version")));
        return Optional.of(new JavaRuntime(home.toAbsolutePath(), vendor, version, codecOf(home)));
    }

    /**
     * What the profile asks for, or the current JDK with a warning saying why: {@link
     * #BUNDLED_JPEG} (the newest JDK under /usr/lib/jvm with the bundled codec), {@link #CURRENT},
     * or a JDK's home directory.
     */
    public static JavaRuntime choose(String wanted, String target, Consumer<String> warn) {
        return choose(wanted, target, warn, JVM_DIR);
    }

    static JavaRuntime choose(String wanted, String target, Consumer<String> warn, Path jvmDir) {
        JavaRuntime current = current();
        if (wanted.equals(CURRENT)) {
            return current;
        }
        Optional<JavaRuntime> found =
                wanted.equals(BUNDLED_JPEG) ? newestBundled(jvmDir) : of(Path.of(wanted));
        if (found.isPresent()) {
            return found.get();
        }
        warn.accept(
                String.format(
                        "warning: %s.java-home=%s: %s; %s runs on %s instead, so its JPEG"
                                + " figures are not its platform's",
                        target,
                        wanted,
                        wanted.equals(BUNDLED_JPEG)
                                ? "no JDK under " + jvmDir + " bundles IJG libjpeg"
                                : "no bin/java there",
                        target,
                        current.describe()));
        return current;
    }

    private static Optional<JavaRuntime> newestBundled(Path jvmDir) {
        List<JavaRuntime> bundled = new ArrayList<>();
        if (Files.isDirectory(jvmDir)) {
            try (DirectoryStream<Path> homes = Files.newDirectoryStream(jvmDir)) {
                for (Path home : homes) {
                    of(home).filter(j -> j.codec() == JpegCodec.BUNDLED_IJG)
                            .ifPresent(bundled::add);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundled.stream()
                .max(
                        Comparator.comparing((JavaRuntime j) -> feature(j.version()))
                                .thenComparing(j -> j.home().toString()));
    }

    /** 25 of "25.0.3+9-LTS", 17 of "17.0.15+6-Debian-1deb12u1"; 0 when unreadable. */
    static int feature(String version) {
        String digits = version.split("[^0-9]", 2)[0];
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    /**
     * Debian's libjavajpeg.so names the system's libjpeg.so among what it needs (its dynamic
     * section holds the name); a portable build's carries the codec compiled in and names none.
     */
    static JpegCodec codecOf(Path home) {
        Path lib = home.resolve("lib/libjavajpeg.so");
        if (!Files.isRegularFile(lib)) {
            return JpegCodec.UNKNOWN;
        }
        try {
            String bytes = new String(Files.readAllBytes(lib), StandardCharsets.ISO_8859_1);
            return bytes.contains("libjpeg.so") ? JpegCodec.SYSTEM_LIBJPEG : JpegCodec.BUNDLED_IJG;
        } catch (IOException e) {
            return JpegCodec.UNKNOWN;
        }
    }

    private static String unquote(String v) {
        return v.strip().replaceAll("^\"|\"$", "");
    }
}
