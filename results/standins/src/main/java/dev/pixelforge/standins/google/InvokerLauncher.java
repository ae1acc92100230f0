package dev.pixelforge.standins.google;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a Cloud Functions instance's JVM runs Google's invoker: through {@code LoopbackInvoker}, so
 * that it listens on loopback only. That class is named here as text and copied as bytes, never
 * loaded: it needs the invoker's Jetty, which only the instance's JVM has.
 */
public final class InvokerLauncher {

    static final String MAIN_CLASS = "dev.pixelforge.standins.google.LoopbackInvoker";

    private final Path folder;

    private InvokerLauncher(Path folder) {
        this.folder = folder;
    }

    /** Copies the launcher's class into a folder of its own under {@code workDir}. */
    public static InvokerLauncher prepare(Path workDir) throws IOException {
        String file = MAIN_CLASS.replace('.', '/') + ".class";
        Path dir = workDir.resolve("loopback-invoker").toAbsolutePath();
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = InvokerLauncher.class.getResourceAsStream("/" + file)) {
            if (in == null) {
                throw new IOException(file + " is not on this JVM's class path");
            }
            Files.write(target, in.readAllBytes());
        }
        return new InvokerLauncher(dir);
    }

    /** The JVM arguments after the options: class path, main class and the invoker's own. */
    public List<String> args(Path invokerJar, Path functionJar, String target, int port) {
        return List.of(
                "-cp",
                invokerJar + File.pathSeparator + folder,
                MAIN_CLASS,
                "--classpath",
                functionJar.toString(),
                "--target",
                target,
                "--port",
                Integer.toString(port));
    }
}
