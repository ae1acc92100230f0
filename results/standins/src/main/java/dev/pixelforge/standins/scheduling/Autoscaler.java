package dev.pixelforge.standins.scheduling;

import dev.pixelforge.platform.profile.TargetProfile;

import java.time.Duration;
import java.util.List;

/**
 * Cloud Run's metrics-based scaling, as Google documents it ("About instance autoscaling"): the
 * instances needed to bring each one's CPU, averaged over a window and divided by its CPUs, to the
 * CPU target (60%), and its requests in flight to the concurrency target (60% of max concurrency);
 * the larger of the two. Spikes the window has not seen yet are served by on-demand scale-out, and
 * idle instances go after the idle timeout: those two live in {@link InstanceRegistry}.
 *
 * @param targets Google's targets and window ({@code TargetProfile.Scaling}), and how long after it
 *     became ready an instance's CPU counts (a JVM's start-up compilation is not load)
 */
public record Autoscaler(TargetProfile.Scaling targets) {

    /** Google's defaults: 60% CPU, 60% of max concurrency, averaged over one minute. */
    public static Autoscaler cloudRun() {
        return new Autoscaler(TargetProfile.Scaling.CLOUD_RUN);
    }

    public Duration window() {
        return targets.window();
    }

    public Duration settle() {
        return targets.settle();
    }

    /**
     * One instance over the window.
     *
     * @param cpuUtilization CPU used over the window, divided by the window and the instance's
     *     vCPUs
     * @param inFlight requests in flight, averaged over the window
     * @param counts whether its CPU counts yet (it has settled)
     */
    public record Load(double cpuUtilization, double inFlight, boolean counts) {}

    /**
     * Instances the loads call for: at least one while any instance has load, never fewer than
     * {@code minimum}.
     */
    public int desired(List<Load> loads, int concurrency, int minimum) {
        double cpu = loads.stream().filter(Load::counts).mapToDouble(Load::cpuUtilization).sum();
        double inFlight = loads.stream().mapToDouble(Load::inFlight).sum();
        int byCpu = (int) Math.ceil(cpu / targets.cpuTarget() - 1e-9);
        int byRequests =
                (int) Math.ceil(inFlight / (targets.concurrencyTarget() * concurrency) - 1e-9);
        return Math.max(minimum, Math.max(byCpu, byRequests));
    }
}
