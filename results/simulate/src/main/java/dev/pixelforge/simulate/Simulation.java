package dev.pixelforge.simulate;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.profile.TargetProfile;
import dev.pixelforge.platform.sample.Sample;
import dev.pixelforge.standins.scheduling.Admission;
import dev.pixelforge.standins.scheduling.InstanceRegistry;
import dev.pixelforge.standins.scheduling.SchedulingRules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One target under one load, in simulated time: the platform's own scheduling rules (the {@link
 * InstanceRegistry} the stand-ins run, with {@link SchedulingRules#of}) decide which instance takes
 * each request, when instances start, are refused and reaped; instances take the start-up and
 * process times drawn from a calibration; the client's path takes the network model's time. Every
 * request becomes a {@link Sample}, as the load client records one.
 *
 * <p>What it leaves out: the platforms' payload limits and timeouts (every request is served
 * however long it takes), CPU contention between instances (each gets its share, as the emulator's
 * quotas give it when the machine is big enough), and what a JVM does between requests (GC, JIT)
 * beyond what the measured times hold.
 */
public final class Simulation {

    /** A throttle's answer body: API Gateway's {"message": "Internal server error"}. */
    private static final long REFUSAL_BYTES = 36;

    /** What a simulation produced besides its samples. */
    public record Outcome(List<InstanceRecord> instances, long samples, long throttles) {}

    private final TargetProfile profile;
    private final TargetCalibration calibration;
    private final Network network;
    private final SplittableRandom random;
    private final long epochMillis;
    private final Consumer<Sample> sink;
    private final VirtualClock clock = new VirtualClock();
    private final List<InstanceRecord> stopped = new ArrayList<>();
    private final InstanceRegistry<SimulatedInstance> registry;
    private String operation = "";
    private long nextImage;
    private long samples;
    private long throttles;

    private Simulation(
            TargetProfile profile,
            TargetCalibration calibration,
            Network network,
            long seed,
            long epochMillis,
            Consumer<Sample> sink) {
        this.profile = profile;
        this.calibration = calibration;
        this.network = network;
        this.random = new SplittableRandom(seed);
        this.epochMillis = epochMillis;
        this.sink = sink;
        StandInEvents events =
                new StandInEvents() {
                    @Override
                    public void instanceStopped(InstanceRecord record) {
                        stopped.add(record);
                    }
                };
        this.registry =
                new InstanceRegistry<>(
                        profile.target(),
                        SchedulingRules.of(profile),
                        id ->
                                new SimulatedInstance(
                                        id,
                                        clock,
                                        profile.cpus(),
                                        calibration.readyMicros().draw(random) * 1000),
                        events,
                        clock,
                        Runnable::run);
    }

    /**
     * Runs {@code load} against {@code profile}'s platform, handing every request's sample to
     * {@code sink} in the order they finish. Requests sent before the load's end are all answered
     * (the simulation runs on until they are), as a JMeter thread finishes its sample when stopped.
     *
     * @param seed the draws' seed: the same seed gives the same samples
     * @param epochMillis the wall-clock time the samples' start times count from
     */
    public static Outcome run(
            TargetProfile profile,
            TargetCalibration calibration,
            Workload load,
            Network network,
            long seed,
            long epochMillis,
            Consumer<Sample> sink) {
        if (calibration.target() != profile.target()) {
            throw new IllegalArgumentException(
                    "a calibration of "
                            + calibration.target().id()
                            + " cannot simulate "
                            + profile.target().id());
        }
        if (load instanceof Workload.ClosedLoop closed
                && closed.threads() > (long) profile.maxInstances() * profile.concurrency()
                && closed.thinkNanos() == 0
                && profile.queueTimeout().isZero()
                && network.roundTripMicros() == 0
                && calibration.frontMicros().quantile(0) == 0) {
            // A refusal would take no time, and its thread would send again at the same instant,
            // for ever: the simulated clock could never move on.
            throw new IllegalArgumentException(
                    "a closed loop with more threads than slots needs refusals that take time: "
                            + profile.target().id()
                            + "'s calibration has a front time of 0 and the network a round trip"
                            + " of 0 (give the network a round trip, or the calibration a front"
                            + " time)");
        }
        Simulation s = new Simulation(profile, calibration, network, seed, epochMillis, sink);
        return s.drive(load);
    }

    private Outcome drive(Workload load) {
        operation = load.operation();
        Client client =
                load instanceof Workload.ClosedLoop closed
                        ? new ClosedClient(closed)
                        : new OpenClient((Workload.OpenLoop) load);
        client.start();
        // Until every request sent has been answered: the registry's own timers (reaping,
        // autoscaling) never stop, so run in steps and stop when nothing is in flight.
        long step = 1_000_000_000L;
        long t = load.durationNanos();
        clock.runUntil(t);
        while (client.inFlight() > 0) {
            t += step;
            clock.runUntil(t);
        }
        registry.close();
        List<InstanceRecord> all = new ArrayList<>(stopped);
        all.sort(Comparator.comparingInt(InstanceRecord::id));
        return new Outcome(all, samples, throttles);
    }

    /** One request on its way: from the client's send to its answer. */
    private final class Request {
        final String image;
        final long dueNanos;
        final long sentNanos;
        final ImageCalibration sizes;
        final Runnable answered;
        long admitMicros;

        Request(String image, long dueNanos, Runnable answered) {
            this.image = image;
            this.dueNanos = dueNanos;
            this.sentNanos = clock.nanoTime();
            this.sizes = calibration.image(image);
            this.answered = answered;
        }
    }

    private void send(Request r) {
        // The front reads the request whole before it asks for an instance (ImageCalibration).
        r.admitMicros = r.sizes.admitMicros().map(d -> d.draw(random)).orElse(0L);
        clock.schedule(
                (network.upMicros(r.sizes.requestBytes(), random) + r.admitMicros) * 1000,
                () -> arrive(r));
    }

    private void arrive(Request r) {
        registry.acquire()
                .whenComplete(
                        (admission, failure) -> {
                            if (failure != null) {
                                // An instance that never became ready: the front's 502.
                                answer(r, 502, false, REFUSAL_BYTES, -1, null, "");
                            } else if (admission instanceof Admission.Lease<SimulatedInstance> l) {
                                serve(r, l);
                            } else {
                                throttles++;
                                answer(
                                        r,
                                        profile.throttleStatus(),
                                        true,
                                        REFUSAL_BYTES,
                                        -1,
                                        null,
                                        "");
                            }
                        });
    }

    private void serve(Request r, Admission.Lease<SimulatedInstance> lease) {
        // The slot is held for the platform's duration: the process time plus the runtime's own
        // work on the request (hold); a cold request's first time holds both, all of it as pixel
        // work (a cold JVM's first request was not split into phases).
        long appMicros;
        long holdMicros;
        long pixelMicros;
        if (lease.cold()) {
            appMicros = calibration.firstAppMicros().draw(random);
            holdMicros = 0;
            pixelMicros = appMicros;
        } else {
            appMicros = r.sizes.appMicros().draw(random);
            holdMicros = r.sizes.holdMicros().draw(random);
            pixelMicros = Math.min(appMicros, r.sizes.pixelMicros().draw(random));
        }
        lease.process()
                .serve(
                        pixelMicros * 1000,
                        (appMicros - pixelMicros + holdMicros) * 1000,
                        inInstanceNanos -> {
                            registry.release(lease, true);
                            answer(
                                    r,
                                    200,
                                    false,
                                    r.sizes.responseBytes(),
                                    inInstanceNanos / 1000 - holdMicros,
                                    lease.cold(),
                                    Integer.toString(lease.instance().id()));
                        });
    }

    private void answer(
            Request r,
            int status,
            boolean throttled,
            long bytes,
            long appMicros,
            Boolean cold,
            String instance) {
        // A refusal's time on loopback is measured whole (the front answers it without the
        // function): per image it was the wait before admission, else the target's pooled one.
        // An answer takes the rest of the front's time. On a network, the way back comes on top.
        long front;
        if (throttled) {
            front =
                    r.sizes.admitMicros().isPresent()
                            ? 0
                            : calibration.refusalMicros().draw(random);
        } else {
            front = Math.max(0, r.sizes.frontMicros().draw(random) - r.admitMicros);
        }
        long after = front + network.downMicros(bytes, random);
        clock.schedule(
                after * 1000,
                () -> {
                    long now = clock.nanoTime();
                    long roundTrip = (now - r.sentNanos) / 1000;
                    long latency = roundTrip - network.downTransferMicros(bytes);
                    sink.accept(
                            new Sample(
                                    epochMillis + r.sentNanos / 1_000_000,
                                    profile.target().id(),
                                    operation,
                                    r.image,
                                    status,
                                    status == 200,
                                    throttled,
                                    bytes,
                                    r.sizes.requestBytes(),
                                    roundTrip,
                                    latency,
                                    0,
                                    appMicros,
                                    -1,
                                    -1,
                                    -1,
                                    cold,
                                    instance,
                                    "",
                                    r.dueNanos < 0
                                            ? Sample.NOT_SCHEDULED
                                            : (r.sentNanos - r.dueNanos) / 1000));
                    samples++;
                    r.answered.run();
                });
    }

    private String nextImage(List<String> images) {
        return images.get((int) (nextImage++ % images.size()));
    }

    private interface Client {
        void start();

        int inFlight();
    }

    /**
     * JMeter's thread group: threads started evenly over the ramp-up, each looping until the end.
     */
    private final class ClosedClient implements Client {
        private final Workload.ClosedLoop load;
        private int inFlight;

        ClosedClient(Workload.ClosedLoop load) {
            this.load = load;
        }

        @Override
        public void start() {
            for (int i = 0; i < load.threads(); i++) {
                clock.at(load.rampNanos() * i / load.threads(), this::loop);
            }
        }

        private void loop() {
            if (load.thinkNanos() > 0) {
                clock.schedule(load.thinkNanos(), this::sendNext);
            } else {
                sendNext();
            }
        }

        private void sendNext() {
            if (clock.nanoTime() >= load.durationNanos()) {
                return;
            }
            inFlight++;
            send(
                    new Request(
                            nextImage(load.images()),
                            -1,
                            () -> {
                                inFlight--;
                                loop();
                            }));
        }

        @Override
        public int inFlight() {
            return inFlight;
        }
    }

    /** Requests due on a schedule, from a pool of threads; one due while all are busy waits. */
    private final class OpenClient implements Client {
        private final Workload.OpenLoop load;
        private final Deque<Long> late = new ArrayDeque<>();
        private int freeThreads;
        private final PrimitiveIterator.OfLong due;
        private long previousDue;
        private int inFlight;

        OpenClient(Workload.OpenLoop load) {
            this.load = load;
            this.due = load.dueNanos().get();
            this.freeThreads = load.maxThreads();
        }

        @Override
        public void start() {
            scheduleNext();
        }

        // One event per due request at a time, so a long schedule does not fill the event queue.
        private void scheduleNext() {
            if (!due.hasNext()) {
                return;
            }
            long at = due.nextLong();
            if (at < previousDue) {
                throw new IllegalArgumentException("arrivals must be in time order");
            }
            previousDue = at;
            if (at >= load.durationNanos()) {
                return;
            }
            clock.at(
                    at,
                    () -> {
                        due(at);
                        scheduleNext();
                    });
        }

        private void due(long dueNanos) {
            if (freeThreads == 0) {
                late.addLast(dueNanos);
                return;
            }
            sendOn(dueNanos);
        }

        private void sendOn(long dueNanos) {
            freeThreads--;
            inFlight++;
            send(new Request(nextImage(load.images()), dueNanos, this::threadFree));
        }

        private void threadFree() {
            freeThreads++;
            inFlight--;
            Long waiting = late.pollFirst();
            if (waiting != null) {
                sendOn(waiting);
            }
        }

        @Override
        public int inFlight() {
            return inFlight + late.size();
        }
    }

    Target target() {
        return profile.target();
    }
}
