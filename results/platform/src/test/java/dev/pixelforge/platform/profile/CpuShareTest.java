package dev.pixelforge.platform.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pixelforge.platform.Target;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** Each platform's CPU share, against the providers' own figures (cited in results/README.md). */
class CpuShareTest {

    @Test
    void lambda_isMemoryOver1769Mb() {
        assertEquals(1.0, CpuShare.lambda(1769).vcpus());
        assertEquals(885.0 / 1769, CpuShare.lambda(885).vcpus());
        assertEquals(1024.0 / 1769, CpuShare.lambda(1024).vcpus(), 0);
        assertEquals(10240.0 / 1769, CpuShare.lambda(10240).vcpus());
        assertEquals("Lambda: 1024 MB / 1,769 MB per vCPU", CpuShare.lambda(1024).rule());
    }

    @Test
    void lambda_outside128To10240Mb_isRefused() {
        assertEquals(
                "aws-lambda.memory-mb=127: Lambda takes 128 to 10,240 MB",
                assertThrows(IllegalArgumentException.class, () -> CpuShare.lambda(127))
                        .getMessage());
        assertEquals(
                "aws-lambda.memory-mb=10241: Lambda takes 128 to 10,240 MB",
                assertThrows(IllegalArgumentException.class, () -> CpuShare.lambda(10241))
                        .getMessage());
    }

    @Test
    void lambdaCpus_isNotAKey() {
        Properties p = new Properties();
        p.setProperty("aws-lambda.cpus", "2");
        assertEquals(
                "aws-lambda.cpus: Lambda's CPU follows its memory (1,769 MB is one vCPU): set"
                        + " aws-lambda.memory-mb instead",
                assertThrows(IllegalArgumentException.class, () -> PlatformProfile.from(p))
                        .getMessage());
    }

    @Test
    void function_takesGooglesTier_theSmallestThatHoldsItsMemory() {
        int[] mib = {128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768};
        double[] vcpus = {0.083, 0.167, 0.333, 0.583, 1, 2, 2, 4, 8};
        for (int i = 0; i < mib.length; i++) {
            assertEquals(vcpus[i], CpuShare.function(mib[i], null, 1).vcpus(), mib[i] + " MiB");
        }
        assertEquals(0.583, CpuShare.function(1000, null, 1).vcpus());
        assertEquals(
                "Cloud Functions gen2: the 1024 MiB tier gives 0.583 vCPU",
                CpuShare.function(1000, null, 1).rule());
        assertEquals(
                "gcp-function.memory-mb=40000: Cloud Functions gen2 takes at most 32768 MiB",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> CpuShare.function(40000, null, 1))
                        .getMessage());
    }

    @Test
    void function_withCpusSet_followsCloudRunsRules() {
        assertEquals(2.0, CpuShare.function(1024, 2.0, 1).vcpus());
        assertEquals(
                "Cloud Functions gen2: --cpu set, 2 vCPU as set",
                CpuShare.function(1024, 2.0, 1).rule());
        assertEquals(
                "gcp-function.cpus=0.5: below 1 vCPU, Cloud Run needs gcp-function.concurrency=1"
                        + " (and request-based billing); it is 4",
                assertThrows(IllegalArgumentException.class, () -> CpuShare.function(512, 0.5, 4))
                        .getMessage());
    }

    @Test
    void cloudRun_refusesWhatCloudRunRefuses() {
        assertEquals("container.cpus=0.05: Cloud Run takes 0.08 to 8 vCPU", refused(0.05, 256, 1));
        assertEquals("container.cpus=9: Cloud Run takes 0.08 to 8 vCPU", refused(9, 4096, 80));
        assertEquals(
                "container.cpus=3: above 1 vCPU, Cloud Run takes 2, 4, 6 or 8",
                refused(3, 4096, 80));
        assertEquals(
                "container.cpus=0.5: below 1 vCPU, Cloud Run needs container.concurrency=1 (and"
                        + " request-based billing); it is 80",
                refused(0.5, 512, 80));
        assertEquals(
                "container.memory-mb=8192: with 1 vCPU, Cloud Run takes 128 to 4096 MiB",
                refused(1, 8192, 80));
        assertEquals(
                "container.memory-mb=1024: with 4 vCPU, Cloud Run takes 2048 to 16384 MiB",
                refused(4, 1024, 80));
        assertEquals(
                "container.memory-mb=2048: with 0.5 vCPU, Cloud Run takes 128 to 1024 MiB",
                refused(0.5, 2048, 1));
    }

    @Test
    void cloudRun_takesWhatCloudRunTakes() {
        assertEquals(0.5, CpuShare.cloudRun("container", 0.5, 512, 1).vcpus());
        assertEquals(0.08, CpuShare.cloudRun("container", 0.08, 512, 1).vcpus());
        assertEquals(8.0, CpuShare.cloudRun("container", 8, 32768, 80).vcpus());
    }

    @Test
    void visibleProcessors_areWholeCpus_atLeastOne() {
        assertEquals(1, new CpuShare(0.083, "").visibleProcessors());
        assertEquals(1, new CpuShare(1, "").visibleProcessors());
        assertEquals(2, CpuShare.lambda(1770).visibleProcessors());
        assertEquals(6, CpuShare.lambda(10240).visibleProcessors());
    }

    @Test
    void lambda_showsTwoProcessorsUpTo3008Mb_thenOneMorePerTier() {
        assertEquals(2, CpuShare.lambda(128).visibleProcessors());
        assertEquals(2, CpuShare.lambda(1024).visibleProcessors());
        assertEquals(2, CpuShare.lambda(3008).visibleProcessors());
        assertEquals(3, CpuShare.lambda(3009).visibleProcessors());
        assertEquals(3, CpuShare.lambda(5307).visibleProcessors());
        assertEquals(4, CpuShare.lambda(5308).visibleProcessors());
        assertEquals(5, CpuShare.lambda(8845).visibleProcessors());
        assertEquals(6, CpuShare.lambda(8846).visibleProcessors());
    }

    @Test
    void startupVcpus_lambdaInitIsAllItsProcessors_notItsMemoryShare() {
        TargetProfile lambda512 = profile("aws-lambda.memory-mb", "512").of(Target.AWS_LAMBDA);
        TargetProfile lambda1769 = profile("aws-lambda.memory-mb", "1769").of(Target.AWS_LAMBDA);
        assertEquals(2.0, lambda512.startupVcpus());
        assertEquals(2.0, lambda1769.startupVcpus());
        assertEquals(512.0 / 1769, lambda512.cpus(), 1e-12);
        assertEquals(0.5, lambda512.dilated(4).startupVcpus(), "k slows INIT too");
    }

    @Test
    void startupVcpus_googleBoostIsTwiceTheShare_atMost8_andOnlyWhenOn() {
        TargetProfile plain = PlatformProfile.defaults().of(Target.CONTAINER);
        assertEquals(1.0, plain.startupVcpus());
        TargetProfile boosted = profile("container.startup-cpu-boost", "true").of(Target.CONTAINER);
        assertEquals(2.0, boosted.startupVcpus());
        assertEquals(0.5, boosted.dilated(4).startupVcpus());
        assertEquals(Duration.ofSeconds(10), boosted.startupBoostAfterReady());
        assertEquals(Duration.ofSeconds(40), boosted.dilated(4).startupBoostAfterReady());
        Properties eight = new Properties();
        eight.setProperty("container.cpus", "8");
        eight.setProperty("container.memory-mb", "8192");
        eight.setProperty("container.startup-cpu-boost", "true");
        assertEquals(8.0, PlatformProfile.from(eight).of(Target.CONTAINER).startupVcpus());
        TargetProfile fn =
                profile("gcp-function.startup-cpu-boost", "true").of(Target.GCP_FUNCTION);
        assertEquals(2 * 0.583, fn.startupVcpus(), 1e-12);
    }

    private static PlatformProfile profile(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return PlatformProfile.from(p);
    }

    @Test
    void targetProfile_showsTheJvmItsWholeCpus() {
        TargetProfile lambda = PlatformProfile.defaults().of(Target.AWS_LAMBDA);
        assertEquals(
                List.of("-Xmx891289k", "-XX:ActiveProcessorCount=2", "-XX:+ExitOnOutOfMemoryError"),
                lambda.jvmOptions());
    }

    @Test
    void googleTargets_takeBillingAutoscalingAndBoostKeys() {
        Properties p = new Properties();
        p.setProperty("container.billing", "instance");
        p.setProperty("container.startup-cpu-boost", "true");
        p.setProperty("container.min-instances", "2");
        p.setProperty("container.autoscale-cpu-target", "0.8");
        TargetProfile run = PlatformProfile.from(p).of(Target.CONTAINER);
        assertEquals(TargetProfile.Billing.INSTANCE, run.billing());
        assertEquals(true, run.startupCpuBoost());
        assertEquals(2, run.scaling().minInstances());
        assertEquals(0.8, run.scaling().cpuTarget());
        assertEquals(false, PlatformProfile.defaults().of(Target.CONTAINER).startupCpuBoost());
        p.setProperty("container.billing", "monthly");
        assertEquals(
                "container.billing=monthly must be request or instance",
                assertThrows(IllegalArgumentException.class, () -> PlatformProfile.from(p))
                        .getMessage());
    }

    @Test
    void dilated_dividesTheShare_andMultipliesEveryPlatformClock() {
        TargetProfile run = PlatformProfile.defaults().of(Target.CONTAINER);
        TargetProfile slow = run.dilated(4);
        assertEquals(0.25, slow.cpus());
        assertEquals(1, slow.cpu().visibleProcessors(), "the processors shown stay the platform's");
        assertEquals(run.timeout().multipliedBy(4), slow.timeout());
        assertEquals(run.queueTimeout().multipliedBy(4), slow.queueTimeout());
        assertEquals(run.idleTimeout().multipliedBy(4), slow.idleTimeout());
        assertEquals(run.scaling().window().multipliedBy(4), slow.scaling().window());
        assertEquals(run.memoryMb(), slow.memoryMb());
    }

    private static String refused(double cpus, int memoryMib, int concurrency) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> CpuShare.cloudRun("container", cpus, memoryMib, concurrency))
                .getMessage();
    }
}
