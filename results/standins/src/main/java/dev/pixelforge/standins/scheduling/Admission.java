package dev.pixelforge.standins.scheduling;

/** What a request gets from the scheduler: a slot on an instance, or a refusal (a throttle). */
public sealed interface Admission<P extends InstanceProcess>
        permits Admission.Lease, Admission.Refused {

    /**
     * A hold on one slot of {@code instance}, from {@code startNanos}; give it back with {@link
     * InstanceRegistry#release}.
     *
     * @param cold the first request this instance serves
     * @param readyMillis the instance's spawn-to-ready time (Lambda's Init Duration)
     */
    record Lease<P extends InstanceProcess>(
            InstanceRegistry.Instance<P> instance,
            boolean cold,
            double readyMillis,
            long startNanos)
            implements Admission<P> {

        public P process() {
            return instance.process();
        }
    }

    /** Refused by the platform, with why, as the stand-in's log line says it. */
    record Refused<P extends InstanceProcess>(String why) implements Admission<P> {}
}
