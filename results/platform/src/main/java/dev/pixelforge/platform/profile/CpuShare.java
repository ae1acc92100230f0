package dev.pixelforge.platform.profile;

import java.util.Locale;

/**
 * The share of a CPU each platform gives one instance, by its own rule, and the limits it refuses.
 * The pages each rule comes from are cited in results/README.md ("How faithful is the local
 * cloud").
 *
 * @param vcpus the share, in vCPUs (0.5 = half of one CPU's time)
 * @param rule where the share comes from, in words for the banner and the run manifest
 * @param processors the processor count the platform shows the instance: whole CPUs, at least one
 * @param slowdown the scale model's k this share is run at (1: as the platform gives it)
 */
public record CpuShare(double vcpus, String rule, int processors, double slowdown) {

    public CpuShare(double vcpus, String rule, int processors) {
        this(vcpus, rule, processors, 1);
    }

    public CpuShare(double vcpus, String rule) {
        this(vcpus, rule, Math.max(1, (int) Math.ceil(vcpus - 1e-9)));
    }

    /**
     * All the processors the instance is shown, run {@code slowdown} times slower: Lambda's INIT,
     * which is not held to the memory share (see results/standins/README.md).
     */
    public double unthrottledVcpus() {
        return processors / slowdown;
    }

    /**
     * The share of a scale model slowed down {@code k} times (a machine too small for the
     * configured peak): {@code 1/k} of the CPU, the same processors shown.
     */
    public CpuShare dilated(double k) {
        return k == 1
                ? this
                : new CpuShare(
                        vcpus / k,
                        rule + String.format(Locale.ROOT, ", run %.2fx slower", k),
                        processors,
                        slowdown * k);
    }

    /**
     * AWS Lambda: "At 1,769 MB, a function has the equivalent of one vCPU", in proportion below and
     * above.
     */
    public static final int LAMBDA_MB_PER_VCPU = 1769;

    /**
     * Cloud Functions gen2 (Cloud Run functions): the memory tiers and the vCPU each gives, unless
     * --cpu is set.
     */
    private static final int[] FUNCTION_TIER_MIB = {
        128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768
    };

    private static final double[] FUNCTION_TIER_VCPUS = {0.083, 0.167, 0.333, 0.583, 1, 2, 2, 4, 8};

    public static CpuShare lambda(int memoryMb) {
        if (memoryMb < 128 || memoryMb > 10240) {
            throw new IllegalArgumentException(
                    "aws-lambda.memory-mb=" + memoryMb + ": Lambda takes 128 to 10,240 MB");
        }
        return new CpuShare(
                (double) memoryMb / LAMBDA_MB_PER_VCPU,
                String.format(Locale.ROOT, "Lambda: %d MB / 1,769 MB per vCPU", memoryMb),
                lambdaProcessors(memoryMb));
    }

    /**
     * The processors a Lambda function's JVM sees: 2 up to 3,008 MB, then one more per tier
     * (third-party measurements, not AWS's word; cited in results/standins/README.md).
     */
    static int lambdaProcessors(int memoryMb) {
        return memoryMb <= 3008
                ? 2
                : memoryMb <= 5307 ? 3 : memoryMb <= 7076 ? 4 : memoryMb <= 8845 ? 5 : 6;
    }

    /**
     * gen2's tier for {@code memoryMib} (the smallest tier that holds it), or Cloud Run's rules
     * when CPUs are set.
     */
    public static CpuShare function(int memoryMib, Double cpus, int concurrency) {
        if (cpus != null) {
            CpuShare set = cloudRun("gcp-function", cpus, memoryMib, concurrency);
            return new CpuShare(
                    set.vcpus,
                    "Cloud Functions gen2: --cpu set, "
                            + set.rule.substring(set.rule.indexOf(": ") + 2));
        }
        for (int i = 0; i < FUNCTION_TIER_MIB.length; i++) {
            if (memoryMib <= FUNCTION_TIER_MIB[i]) {
                return new CpuShare(
                        FUNCTION_TIER_VCPUS[i],
                        String.format(
                                Locale.ROOT,
                                "Cloud Functions gen2: the %d MiB tier gives %s vCPU",
                                FUNCTION_TIER_MIB[i],
                                trim(FUNCTION_TIER_VCPUS[i])));
            }
        }
        throw new IllegalArgumentException(
                "gcp-function.memory-mb="
                        + memoryMib
                        + ": Cloud Functions gen2 takes at most 32768 MiB");
    }

    /**
     * Cloud Run's CPU limits: 0.08 to 8 vCPU, whole numbers above 1 (1, 2, 4, 6, 8); below 1 vCPU
     * only with concurrency 1; and the memory each CPU count allows.
     */
    public static CpuShare cloudRun(String key, double cpus, int memoryMib, int concurrency) {
        if (cpus < 0.08 || cpus > 8) {
            throw new IllegalArgumentException(
                    key + ".cpus=" + trim(cpus) + ": Cloud Run takes 0.08 to 8 vCPU");
        }
        if (cpus > 1 && cpus != 2 && cpus != 4 && cpus != 6 && cpus != 8) {
            throw new IllegalArgumentException(
                    key + ".cpus=" + trim(cpus) + ": above 1 vCPU, Cloud Run takes 2, 4, 6 or 8");
        }
        if (cpus < 1 && concurrency != 1) {
            throw new IllegalArgumentException(
                    key
                            + ".cpus="
                            + trim(cpus)
                            + ": below 1 vCPU, Cloud Run needs "
                            + key
                            + ".concurrency=1 (and request-based billing); it is "
                            + concurrency);
        }
        int maxMib =
                cpus < 0.5
                        ? 512
                        : cpus < 1
                                ? 1024
                                : cpus == 1
                                        ? 4096
                                        : cpus == 2
                                                ? 8192
                                                : cpus == 4 ? 16384 : cpus == 6 ? 24576 : 32768;
        int minMib = cpus >= 6 ? 4096 : cpus >= 4 ? 2048 : 128;
        if (memoryMib > maxMib || memoryMib < minMib) {
            throw new IllegalArgumentException(
                    key
                            + ".memory-mb="
                            + memoryMib
                            + ": with "
                            + trim(cpus)
                            + " vCPU, Cloud Run takes "
                            + minMib
                            + " to "
                            + maxMib
                            + " MiB");
        }
        return new CpuShare(cpus, "Cloud Run: " + trim(cpus) + " vCPU as set");
    }

    /** The processor count an instance's JVM is shown. */
    public int visibleProcessors() {
        return processors;
    }

    static String trim(double v) {
        return v == Math.rint(v)
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }
}
