package dev.pixelforge.standins.scheduling;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.TargetProfile;
import java.time.Duration;

/**
 * How a platform places requests on instances.
 *
 * @param concurrency    requests one instance serves at once (Lambda: 1)
 * @param maxInstances   instances at most, starting ones included (Lambda: the reserved concurrency)
 * @param queueTimeout   how long a request may wait for a free slot before it is refused (Lambda:
 *                       zero, a throttle is immediate)
 * @param idleTimeout    an instance idle this long is stopped
 * @param coldRequestWaitsForItsInstance Lambda's rule: the invocation that starts an execution
 *                       environment runs in it, whatever frees up meanwhile; Google's fronts give a
 *                       waiting request the first free slot of any instance
 */
public record SchedulingRules(int concurrency, int maxInstances, Duration queueTimeout, Duration idleTimeout,
                              boolean coldRequestWaitsForItsInstance) {

    public SchedulingRules {
        if (concurrency < 1 || maxInstances < 1) {
            throw new IllegalArgumentException("concurrency and instances at most must be at least 1");
        }
    }

    public static SchedulingRules of(TargetProfile profile) {
        boolean lambda = profile.target() == Target.AWS_LAMBDA;
        return new SchedulingRules(lambda ? 1 : profile.concurrency(), profile.maxInstances(),
                lambda ? Duration.ZERO : profile.queueTimeout(), profile.idleTimeout(), lambda);
    }
}
