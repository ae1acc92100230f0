package dev.pixelforge.standins.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.standins.process.JavaRuntime.JpegCodec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Which JDK a target runs on, from fake JDK homes: a release file, bin/java, libjavajpeg.so. */
class JavaRuntimeTest {

    @TempDir Path jvms;

    @Test
    void of_readsVendorVersion_andTellsTheCodecByWhatLibjavajpegNeeds() throws IOException {
        JavaRuntime debian = JavaRuntime.of(fake("debian-17", "Debian", "17.0.15+6", true)).get();
        assertEquals(JpegCodec.SYSTEM_LIBJPEG, debian.codec());
        assertEquals(
                "Debian 17.0.15+6 / the system's libjpeg (libjpeg-turbo on Debian)",
                debian.describe());
        JavaRuntime temurin =
                JavaRuntime.of(fake("temurin-25", "Eclipse Adoptium", "25.0.3+9-LTS", false)).get();
        assertEquals(JpegCodec.BUNDLED_IJG, temurin.codec());
        assertEquals("Eclipse Adoptium 25.0.3+9-LTS / bundled IJG libjpeg 6b", temurin.describe());
        assertEquals(true, JavaRuntime.of(jvms.resolve("nothing")).isEmpty());
    }

    @Test
    void choose_bundledJpeg_takesTheNewestBundledJdk() throws IOException {
        fake("debian-17", "Debian", "17.0.15+6", true);
        fake("temurin-21", "Eclipse Adoptium", "21.0.7+6-LTS", false);
        Path newest = fake("temurin-25", "Eclipse Adoptium", "25.0.3+9-LTS", false);
        List<String> warnings = new ArrayList<>();
        JavaRuntime chosen =
                JavaRuntime.choose(JavaRuntime.BUNDLED_JPEG, "aws-lambda", warnings::add, jvms);
        assertEquals(newest.toAbsolutePath(), chosen.home());
        assertEquals(List.of(), warnings);
    }

    @Test
    void choose_fallsBackToTheCurrentJdk_sayingWhy() throws IOException {
        fake("debian-17", "Debian", "17.0.15+6", true);
        List<String> warnings = new ArrayList<>();
        JavaRuntime chosen =
                JavaRuntime.choose(JavaRuntime.BUNDLED_JPEG, "gcp-function", warnings::add, jvms);
        assertEquals(JavaRuntime.current(), chosen);
        assertEquals(
                List.of(
                        "warning: gcp-function.java-home=bundled-jpeg: no JDK under "
                                + jvms
                                + " bundles IJG libjpeg; gcp-function runs on "
                                + JavaRuntime.current().describe()
                                + " instead, so its JPEG figures are not its platform's"),
                warnings);
        Path missing = jvms.resolve("corretto-25");
        JavaRuntime.choose(missing.toString(), "aws-lambda", warnings::add, jvms);
        assertEquals(
                "warning: aws-lambda.java-home="
                        + missing
                        + ": no bin/java there; aws-lambda runs on "
                        + JavaRuntime.current().describe()
                        + " instead, so its JPEG figures are not its platform's",
                warnings.get(1));
    }

    @Test
    void feature_isTheLeadingNumberOfTheVersion() {
        assertEquals(25, JavaRuntime.feature("25.0.3+9-LTS"));
        assertEquals(17, JavaRuntime.feature("17.0.15+6-Debian-1deb12u1"));
        assertEquals(0, JavaRuntime.feature("unknown version"));
    }

    /** A JDK home whose libjavajpeg.so names libjpeg.so.62 (Debian's) or not (a portable build). */
    private Path fake(String name, String vendor, String version, boolean systemLibjpeg)
            throws IOException {
        Path home = jvms.resolve(name);
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                home.resolve("release"),
                "IMPLEMENTOR=\"" + vendor + "\"\nJAVA_RUNTIME_VERSION=\"" + version + "\"\n");
        Files.createDirectories(home.resolve("lib"));
        Files.write(
                home.resolve("lib/libjavajpeg.so"),
                ("\u007fELF..." + (systemLibjpeg ? "libjpeg.so.62\0" : "jpeg_CreateDecompress\0"))
                        .getBytes(StandardCharsets.ISO_8859_1));
        return home;
    }
}
