package dev.pixelforge.standins;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.PlatformProfile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

class InstanceJvmTest {

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"GCP_FUNCTION", "CONTAINER"})
    void googleInstanceJvm_exitsOnOutOfMemory_beforeItsJar(Target target) {
        List<String> command =
                LocalCloud.jvm(
                        PlatformProfile.defaults().of(target), List.of("-jar", "instance.jar"));

        int flag = command.indexOf("-XX:+ExitOnOutOfMemoryError");
        assertTrue(flag >= 0 && flag < command.indexOf("-jar"), command.toString());
    }
}
