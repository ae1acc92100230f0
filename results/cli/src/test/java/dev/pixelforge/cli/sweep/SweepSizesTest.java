package dev.pixelforge.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.PlatformProfile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Sizes are read as each platform names them, and the ones a platform refuses are refused with its
 * reason.
 */
class SweepSizesTest {

    /**
     * The default profile with {@code base} over it, as the command builds it from the file and
     * --set.
     */
    private static SweepSizes.ProfileOf profile(Map<String, String> base) {
        return overrides -> {
            Properties p = new Properties();
            p.putAll(base);
            p.putAll(overrides);
            return PlatformProfile.from(p);
        };
    }

    private static String refusal(List<SweepSize> sizes, String option, Map<String, String> base) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> SweepSizes.check(sizes, option, profile(base)))
                .getMessage();
    }

    @Test
    void lambda_takesWholeMb_andGivesMemoryOver1769AsCpu() throws Exception {
        List<SweepSize> sizes = SweepSizes.lambda("885, 1769,3008");
        assertEquals(
                List.of(
                        new SweepSize(Target.AWS_LAMBDA, 885, null, "885 MB"),
                        new SweepSize(Target.AWS_LAMBDA, 1769, null, "1769 MB"),
                        new SweepSize(Target.AWS_LAMBDA, 3008, null, "3008 MB")),
                sizes);
        SweepSizes.check(sizes, "--lambda-memory", profile(Map.of()));
        assertEquals(
                885.0 / 1769,
                profile(Map.of()).with(sizes.get(0).overrides()).of(Target.AWS_LAMBDA).cpus(),
                1e-12);
        assertEquals("aws-lambda-885mb", sizes.get(0).folder());
    }

    @Test
    void lambda_outsideItsRange_orInFractions_isRefused() {
        assertEquals(
                "--lambda-memory 10241 MB: aws-lambda.memory-mb=10241: Lambda takes 128 to 10,240"
                        + " MB",
                refusal(SweepSizes.lambda("1769,10241"), "--lambda-memory", Map.of()));
        assertEquals(
                "--lambda-memory 885.5: Lambda takes whole MB (1 MB steps), e.g. 885 or 1769",
                assertThrows(IllegalArgumentException.class, () -> SweepSizes.lambda("885.5"))
                        .getMessage());
    }

    @Test
    void function_memoryAlone_takesItsTier_andPairsTakeCloudRunRules() throws Exception {
        List<SweepSize> sizes = SweepSizes.function("512,2048/1,1/4096");
        assertEquals(new SweepSize(Target.GCP_FUNCTION, 512, null, "512 MiB"), sizes.get(0));
        assertEquals(
                new SweepSize(Target.GCP_FUNCTION, 2048, 1.0, "1 vCPU / 2048 MiB"), sizes.get(1));
        assertEquals(
                new SweepSize(Target.GCP_FUNCTION, 4096, 1.0, "1 vCPU / 4096 MiB"),
                sizes.get(2),
                "either way round");
        SweepSizes.check(sizes, "--function-memory", profile(Map.of()));
        assertEquals(
                0.333,
                profile(Map.of()).with(sizes.get(0).overrides()).of(Target.GCP_FUNCTION).cpus(),
                1e-12);
        assertEquals(
                "--function-memory 1 vCPU / 8192 MiB: gcp-function.memory-mb=8192: with 1 vCPU,"
                        + " Cloud Run takes 128 to 4096 MiB",
                refusal(SweepSizes.function("8192/1"), "--function-memory", Map.of()));
    }

    @Test
    void run_belowOneCpu_needsConcurrencyOne_andAtMostItsMemory() throws Exception {
        List<SweepSize> half = SweepSizes.run("0.5/512");
        assertEquals(
                "--run-sizes 0.5 vCPU / 512 MiB: container.cpus=0.5: below 1 vCPU, Cloud Run needs"
                        + " container.concurrency=1 (and request-based billing); it is 80",
                refusal(half, "--run-sizes", Map.of()));
        SweepSizes.check(half, "--run-sizes", profile(Map.of("container.concurrency", "1")));
        assertEquals(
                "--run-sizes 0.5 vCPU / 2048 MiB: container.memory-mb=2048: with 0.5 vCPU, Cloud"
                        + " Run takes 128 to 1024 MiB",
                refusal(
                        SweepSizes.run("0.5/2048"),
                        "--run-sizes",
                        Map.of("container.concurrency", "1")));
        assertEquals(
                "--run-sizes 0.2 vCPU / 1024 MiB: container.memory-mb=1024: with 0.2 vCPU, Cloud"
                        + " Run takes 128 to 512 MiB",
                refusal(
                        SweepSizes.run("0.2/1024"),
                        "--run-sizes",
                        Map.of("container.concurrency", "1")));
        assertEquals(
                "--run-sizes 0.0805 vCPU / 256 MiB: below 1 vCPU, Cloud Run takes steps of 0.001"
                        + " vCPU",
                refusal(
                        SweepSizes.run("0.0805/256"),
                        "--run-sizes",
                        Map.of("container.concurrency", "1")));
    }

    @Test
    void run_aboveOneCpu_takesWholeCounts_andTheirMemoryRange() {
        assertEquals(
                "--run-sizes 3 vCPU / 4096 MiB: container.cpus=3: above 1 vCPU, Cloud Run takes 2,"
                        + " 4, 6 or 8",
                refusal(SweepSizes.run("3/4096"), "--run-sizes", Map.of()));
        assertEquals(
                "--run-sizes 4 vCPU / 1024 MiB: container.memory-mb=1024: with 4 vCPU, Cloud Run"
                        + " takes 2048 to 16384 MiB",
                refusal(SweepSizes.run("4/1024"), "--run-sizes", Map.of()));
        assertEquals(
                "--run-sizes 9 vCPU / 4096 MiB: container.cpus=9: Cloud Run takes 0.08 to 8 vCPU",
                refusal(SweepSizes.run("9/4096"), "--run-sizes", Map.of()));
    }

    @Test
    void theSameSizeTwice_isRefused_evenWrittenTheOtherWayRound() {
        assertEquals(
                "--run-sizes: 1 vCPU / 1024 MiB is given twice",
                refusal(SweepSizes.run("1/1024,1024/1"), "--run-sizes", Map.of()));
        assertEquals(
                "--lambda-memory 885,885: 885 is given twice",
                assertThrows(IllegalArgumentException.class, () -> SweepSizes.lambda("885,885"))
                        .getMessage());
    }

    @Test
    void cloudResize_givesEachScriptTheSizeAndWhatGoogleNeedsWithIt() throws Exception {
        CloudResize dry = new CloudResize(Path.of("/repo"), true);
        SweepSize lambda = SweepSizes.lambda("885").get(0);
        assertEquals(
                List.of("/repo/aws-lambda/deploy/deploy.sh", "--dry-run", "resize", "885"),
                dry.command(
                        lambda, profile(Map.of()).with(lambda.overrides()).of(Target.AWS_LAMBDA)));
        SweepSize function = SweepSizes.function("1024").get(0);
        assertEquals(
                List.of(
                        "/repo/gcp-function/deploy/deploy.sh",
                        "--dry-run",
                        "resize",
                        "1024",
                        "0.583",
                        "1"),
                dry.command(
                        function,
                        profile(Map.of()).with(function.overrides()).of(Target.GCP_FUNCTION)));
        SweepSize run = SweepSizes.run("0.5/512").get(0);
        assertEquals(
                List.of("/repo/container/deploy/deploy.sh", "resize", "512", "0.5", "1"),
                new CloudResize(Path.of("/repo"), false)
                        .command(
                                run,
                                profile(Map.of("container.concurrency", "1"))
                                        .with(run.overrides())
                                        .of(Target.CONTAINER)));
        assertEquals("container-0.5cpu-512mib", run.folder());
    }
}
