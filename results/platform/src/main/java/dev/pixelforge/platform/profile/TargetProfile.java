package dev.pixelforge.platform.profile;

import dev.pixelforge.platform.Target;

import java.time.Duration;
import java.util.List;

/**
 * What one target is given: memory and the CPU share per instance (by the platform's own rule),
 * requests per instance, how many instances (Lambda: the reserved concurrency), timeouts, and how
 * an excess request is answered.
 *
 * @param concurrency requests one instance serves at once (Lambda: always 1)
 * @param maxInstances instances at most (Lambda: reserved concurrency)
 * @param queueTimeout how long a request may wait for a free instance before {@code throttleStatus}
 *     (Lambda: zero, a throttle is immediate)
 */
public record TargetProfile(
        Target target,
        int memoryMb,
        CpuShare cpu,
        int concurrency,
        int maxInstances,
        Duration timeout,
        Duration queueTimeout,
        int throttleStatus,
        Duration idleTimeout,
        Billing billing,
        Scaling scaling,
        boolean startupCpuBoost) {

    /**
     * Cloud Run's metrics-based scaling (Google's "About instance autoscaling" and "Configure
     * custom scaling controls"): targets of 10% to 95%, averaged over the window.
     *
     * @param settle how long after it is ready an instance's CPU counts: PixelForge's own setting,
     *     not Google's (whose autoscaler sees a JVM's start-up compilation as CPU like any other),
     *     2 s, so that one new instance's start-up burst does not call for the next
     */
    public record Scaling(
            double cpuTarget,
            double concurrencyTarget,
            Duration window,
            Duration settle,
            int minInstances) {
        public static final Scaling CLOUD_RUN =
                new Scaling(0.6, 0.6, Duration.ofSeconds(60), Duration.ofSeconds(2), 0);

        public Scaling {
            if (cpuTarget < 0.1
                    || cpuTarget > 0.95
                    || concurrencyTarget < 0.1
                    || concurrencyTarget > 0.95) {
                throw new IllegalArgumentException(
                        "autoscaling targets are 0.1 to 0.95 (Cloud Run's 10% to 95%), were "
                                + cpuTarget
                                + " and "
                                + concurrencyTarget);
            }
        }
    }

    /**
     * How Google bills, and so gives CPU to, an instance: request-based ("CPU is only allocated
     * during request processing") or instance-based (the whole lifetime). Lambda bills per
     * invocation.
     */
    public enum Billing {
        PER_INVOCATION,
        REQUEST,
        INSTANCE
    }

    /** With the platform's default billing: per invocation on Lambda, request-based on Google's. */
    public TargetProfile(
            Target target,
            int memoryMb,
            CpuShare cpu,
            int concurrency,
            int maxInstances,
            Duration timeout,
            Duration queueTimeout,
            int throttleStatus,
            Duration idleTimeout) {
        this(
                target,
                memoryMb,
                cpu,
                concurrency,
                maxInstances,
                timeout,
                queueTimeout,
                throttleStatus,
                idleTimeout,
                target == Target.AWS_LAMBDA ? Billing.PER_INVOCATION : Billing.REQUEST,
                Scaling.CLOUD_RUN,
                false);
    }

    /**
     * This profile in a scale model run {@code k} times slower (DieCast's time dilation): {@code
     * 1/k} of the CPU, every platform clock (timeouts, queueing, idle reaping, the autoscaler's
     * window) {@code k} times longer. Memory and the processors shown stay.
     */
    public TargetProfile dilated(double k) {
        if (k == 1) {
            return this;
        }
        return new TargetProfile(
                target,
                memoryMb,
                cpu.dilated(k),
                concurrency,
                maxInstances,
                times(timeout, k),
                times(queueTimeout, k),
                throttleStatus,
                times(idleTimeout, k),
                billing,
                new Scaling(
                        scaling.cpuTarget(),
                        scaling.concurrencyTarget(),
                        times(scaling.window(), k),
                        times(scaling.settle(), k),
                        scaling.minInstances()),
                startupCpuBoost);
    }

    private static Duration times(Duration d, double k) {
        return Duration.ofNanos(Math.round(d.toNanos() * k));
    }

    /** The most CPU this target can use at once: every instance at its share. */
    public double peakVcpus() {
        return maxInstances * cpu.vcpus();
    }

    /**
     * The most CPU a load with {@code inFlight} requests at once (closed-loop threads, or the
     * open-loop pool) can make this target use: an instance uses CPU only with a request in flight,
     * so at most {@code min(inFlight, instances)} instances, each at its share (Lambda: capped by
     * reserved concurrency; Google's: by max instances, each request needing a slot of max
     * instances x concurrency).
     */
    public double peakVcpus(int inFlight) {
        if (inFlight < 1) {
            throw new IllegalArgumentException(
                    "a load has at least one request in flight, not " + inFlight);
        }
        return Math.min(inFlight, maxInstances) * cpu.vcpus();
    }

    /**
     * Cloud Run's startup CPU boost: "temporarily allocates additional CPU during instance startup
     * time and for 10 seconds after the instance has started" (Google's "Configure CPU limits",
     * startup CPU boost). How much more is inferred, not a figure on that page's stored copy: the
     * stand-ins give twice the share, at most 8 vCPU, the largest Cloud Run instance.
     */
    public static final double STARTUP_BOOST = 2;

    /** How long the boost lasts once the instance is ready, in cloud time. */
    public static final Duration STARTUP_BOOST_AFTER_READY = Duration.ofSeconds(10);

    /**
     * The CPU an instance gets while it starts, in vCPUs (scaled by the model's k like the share):
     * on Lambda all the processors it is shown, since INIT is not held to the memory share
     * (lambda-perf: java Init Duration flat from 128 to 1,024 MB); on Google's platforms the
     * boosted CPU when the startup boost is on; else the share.
     */
    public double startupVcpus() {
        if (target == Target.AWS_LAMBDA) {
            return cpu.unthrottledVcpus();
        }
        return startupCpuBoost
                ? Math.min(STARTUP_BOOST * cpu.vcpus(), 8 / cpu.slowdown())
                : cpu.vcpus();
    }

    /** The boost's time after ready in this profile's clock: 10 s, times the model's k. */
    public Duration startupBoostAfterReady() {
        return times(STARTUP_BOOST_AFTER_READY, cpu.slowdown());
    }

    /** Cloud Run's CPU outside requests: almost none on request-based billing. */
    public boolean requestBasedBilling() {
        return billing == Billing.REQUEST;
    }

    public TargetProfile {
        if (memoryMb < 64 || cpu.vcpus() <= 0 || concurrency < 1 || maxInstances < 1) {
            throw new IllegalArgumentException(
                    target.id() + ": memory-mb >= 64, cpus > 0, concurrency and instances >= 1");
        }
        if (throttleStatus != 429 && throttleStatus != 500 && throttleStatus != 503) {
            throw new IllegalArgumentException(
                    target.id()
                            + ".throttle-status must be 429, 500 or 503, was "
                            + throttleStatus);
        }
    }

    /**
     * JVM options that give a child the profile's memory and the processor count its platform
     * shows: the heap is the share of memory each platform's Java start-up gives it (Lambda's java
     * runtimes: 85%, set as MaxHeapSize in KiB; the container's Dockerfile: MaxRAMPercentage=75;
     * Cloud Functions: the same 75%). And {@link #EXIT_ON_OUT_OF_MEMORY}, as every deployed target
     * runs (the Dockerfile, the SAM template's and the Cloud Functions deploy's JAVA_TOOL_OPTIONS).
     */
    public List<String> jvmOptions() {
        long heapKb = memoryMb * 1024L * (target == Target.AWS_LAMBDA ? 85 : 75) / 100;
        return List.of(
                "-Xmx" + heapKb + "k",
                "-XX:ActiveProcessorCount=" + cpu.visibleProcessors(),
                EXIT_ON_OUT_OF_MEMORY);
    }

    /**
     * An OutOfMemoryError that escapes the kernel's limits ends the process instead of leaving it
     * serving half-broken; the platform (or the stand-in) starts another (docs/images.md).
     */
    public static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

    /** The instance's share of a CPU, in vCPUs. */
    public double cpus() {
        return cpu.vcpus();
    }
}
