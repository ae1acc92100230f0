package dev.pixelforge.standins.scheduling;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.TargetProfile;

import java.time.Duration;

/**
 * How a platform places requests on instances.
 *
 * @param concurrency requests one instance serves at once (Lambda: 1)
 * @param maxInstances instances at most, starting ones included (Lambda: the reserved concurrency)
 * @param queueTimeout how long a request may wait for a free slot before it is refused (Lambda:
 *     zero, a throttle is immediate)
 * @param idleTimeout an instance idle this long is stopped
 * @param coldRequestWaitsForItsInstance Lambda's rule: the invocation that starts an execution
 *     environment runs in it, whatever frees up meanwhile; Google's fronts give a waiting request
 *     the first free slot of any instance
 * @param autoscaler Cloud Run's metrics-based scaling; null for on-demand scaling only (Lambda)
 * @param instanceVcpus each instance's CPU share, against which its utilization is measured
 * @param minInstances instances kept even when idle (Cloud Run's min instances)
 * @param scaleOutRate how fast new instances may start on demand; null for no limit
 */
public record SchedulingRules(
        int concurrency,
        int maxInstances,
        Duration queueTimeout,
        Duration idleTimeout,
        boolean coldRequestWaitsForItsInstance,
        Autoscaler autoscaler,
        double instanceVcpus,
        int minInstances,
        ScaleOutRate scaleOutRate) {

    /**
     * At most {@code instances} new instances per {@code per}, refilled continuously and never
     * banked beyond that: a token bucket.
     */
    public record ScaleOutRate(int instances, Duration per) {
        public ScaleOutRate {
            if (instances < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a scale-out rate needs instances and a period");
            }
        }
    }

    /**
     * Lambda's concurrency scaling rate: "for each function, your concurrency scaling rate is 1,000
     * execution environment instances every 10 seconds", refilled continuously, unused capacity not
     * accumulated; past it, requests are throttled (docs.aws.amazon.com/lambda/latest/dg/
     * scaling-behavior.html). Two cores never reach it; the simulator does.
     */
    public static final ScaleOutRate LAMBDA_SCALING_RATE =
            new ScaleOutRate(1_000, Duration.ofSeconds(10));

    public SchedulingRules {
        if (concurrency < 1 || maxInstances < 1) {
            throw new IllegalArgumentException(
                    "concurrency and instances at most must be at least 1");
        }
        if (minInstances < 0 || minInstances > maxInstances) {
            throw new IllegalArgumentException(
                    "min instances must be between 0 and the instances at most ("
                            + maxInstances
                            + ")");
        }
    }

    /** On-demand scaling only, no minimum. */
    public SchedulingRules(
            int concurrency,
            int maxInstances,
            Duration queueTimeout,
            Duration idleTimeout,
            boolean coldRequestWaitsForItsInstance) {
        this(
                concurrency,
                maxInstances,
                queueTimeout,
                idleTimeout,
                coldRequestWaitsForItsInstance,
                null,
                1,
                0,
                null);
    }

    /** The platform's rules for {@code profile}, whose CPU share is what the kernel enforces. */
    public static SchedulingRules of(TargetProfile profile) {
        boolean lambda = profile.target() == Target.AWS_LAMBDA;
        return new SchedulingRules(
                lambda ? 1 : profile.concurrency(),
                profile.maxInstances(),
                lambda ? Duration.ZERO : profile.queueTimeout(),
                profile.idleTimeout(),
                lambda,
                lambda ? null : new Autoscaler(profile.scaling()),
                profile.cpus(),
                lambda ? 0 : profile.scaling().minInstances(),
                lambda ? LAMBDA_SCALING_RATE : null);
    }
}
