package dev.pixelforge.standins.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.platform.profile.TargetProfile;
import dev.pixelforge.standins.Deployables;
import dev.pixelforge.standins.StandIns;
import dev.pixelforge.standins.process.CpuIsolation;
import dev.pixelforge.standins.process.JavaRuntime;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's INIT is not held to the memory share: a 512 MB environment's group has the quota of its
 * two processors until its first invocation begins, and the 512 MB share (0.289 vCPU) from then on,
 * read from the kernel's cgroup files. Skipped, saying why, where no cgroup can be written.
 */
class LambdaInitCpuIT {

    @Test
    void environmentAt512Mb_initsOnTwoProcessors_thenRunsAtItsShare() throws Exception {
        Properties p = new Properties();
        p.setProperty("aws-lambda.memory-mb", "512");
        TargetProfile profile = PlatformProfile.from(p).of(Target.AWS_LAMBDA);
        Deployables jars = Deployables.under(StandIns.ROOT).check();
        Path work =
                Files.createTempDirectory(
                        StandIns.ROOT.resolve("results/standins/target"), "lambda-init-");
        try (CpuIsolation cpu = CpuIsolation.detect()) {
            Assumptions.assumeTrue(cpu.isolated(), cpu.describe());
            Path jni = LambdaLaunch.unpackJni(jars.lambdaRuntimeClientJar(), work);
            LambdaLaunch launch =
                    new LambdaLaunch(
                            LambdaLaunch.prepareTaskRoot(jars.lambdaJar(), work),
                            jars.lambdaRuntimeClasspath(),
                            work.resolve("logs"),
                            List.of("-D" + LambdaLaunch.JNI_PROPERTY + "=" + jni),
                            cpu,
                            JavaRuntime.current());
            ExecutionEnvironment env = ExecutionEnvironment.start(1, launch, profile);
            try {
                assertEquals(2.0, env.jvm().cpu().quotaVcpusNow(), 1e-9, "during INIT");
                env.ready().get(120, TimeUnit.SECONDS);
                env.idle(); // as the registry does once INIT is over: frozen, still unthrottled
                assertEquals(2.0, env.jvm().cpu().quotaVcpusNow(), 1e-9, "INIT done, no event");
                env.busy(); // the first invocation begins
                assertEquals(512.0 / 1769, env.jvm().cpu().quotaVcpusNow(), 1e-4);
                env.idle();
                env.busy();
                assertEquals(512.0 / 1769, env.jvm().cpu().quotaVcpusNow(), 1e-4, "and after");
            } finally {
                env.stop();
            }
        }
    }
}
