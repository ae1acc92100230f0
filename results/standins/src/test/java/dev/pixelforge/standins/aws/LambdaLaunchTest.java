package dev.pixelforge.standins.aws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.standins.process.JavaRuntime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

class LambdaLaunchTest {

    @Test
    void environmentJvm_exitsOnOutOfMemory_beforeTheRuntimeClientStarts(@TempDir Path work)
            throws Exception {
        LambdaLaunch launch =
                new LambdaLaunch(
                        work.resolve("task"),
                        "runtime.jar",
                        work.resolve("logs"),
                        List.of(),
                        null, // the command does not touch the CPU groups
                        JavaRuntime.current());

        List<String> command = launch.command(PlatformProfile.defaults().of(Target.AWS_LAMBDA), 1);

        int flag = command.indexOf("-XX:+ExitOnOutOfMemoryError");
        int main = command.indexOf("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
        assertTrue(flag >= 0 && flag < main, "a JVM option, before the main class: " + command);
    }
}
