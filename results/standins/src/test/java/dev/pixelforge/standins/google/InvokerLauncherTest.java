package dev.pixelforge.standins.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class InvokerLauncherTest {

    @Test
    void instanceRunsTheLoopbackLauncher_fromAFolderOfItsOwn_withTheInvokersArguments(
            @TempDir Path work) throws Exception {
        InvokerLauncher launcher = InvokerLauncher.prepare(work);

        List<String> args =
                launcher.args(Path.of("/i/invoker.jar"), Path.of("/f/fn.jar"), "a.Function", 8123);

        Path folder = work.resolve("loopback-invoker").toAbsolutePath();
        assertTrue(
                Files.size(folder.resolve("dev/pixelforge/standins/google/LoopbackInvoker.class"))
                        > 0);
        try (var files = Files.walk(folder)) {
            assertEquals(1, files.filter(Files::isRegularFile).count(), "that class alone");
        }
        assertEquals(
                List.of(
                        "-cp",
                        "/i/invoker.jar" + File.pathSeparator + folder,
                        "dev.pixelforge.standins.google.LoopbackInvoker",
                        "--classpath",
                        "/f/fn.jar",
                        "--target",
                        "a.Function",
                        "--port",
                        "8123"),
                args);
    }
}
