package dev.pixelforge.simulate;

import java.util.Arrays;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.function.Supplier;

/**
 * The load a simulation sends: the studies' closed loop (threads that each send their next request
 * when the last is answered, started evenly over a ramp-up, as JMeter's thread group does) or an
 * open loop (requests due on a schedule, sent from a pool of threads; a request due while every
 * thread is busy leaves when one is free, and its lateness is recorded). Either way the images go
 * in turn, one list shared by every thread, as JMeter's CSV data set hands them out.
 */
public sealed interface Workload {

    String operation();

    List<String> images();

    /** When the load stops sending, from its start. */
    long durationNanos();

    /**
     * JMeter's thread group: threads started evenly over the ramp-up, each sending its next request
     * {@code thinkNanos} after its last answer (a Constant Timer, which JMeter runs before each
     * request, the first included).
     */
    record ClosedLoop(
            String operation,
            List<String> images,
            int threads,
            long rampNanos,
            long durationNanos,
            long thinkNanos)
            implements Workload {
        public ClosedLoop {
            images = List.copyOf(images);
            if (threads < 1
                    || rampNanos < 0
                    || durationNanos <= rampNanos
                    || thinkNanos < 0
                    || images.isEmpty()) {
                throw new IllegalArgumentException(
                        "a closed loop needs a thread, an image, a duration longer than its"
                                + " ramp-up and a think time of 0 or more");
            }
        }

        /** No think time, as both studies ran. */
        public ClosedLoop(
                String operation,
                List<String> images,
                int threads,
                long rampNanos,
                long durationNanos) {
            this(operation, images, threads, rampNanos, durationNanos, 0);
        }
    }

    /**
     * @param dueNanos when each request is due, from the start, in order: a new iterator for each
     *     run, so that a schedule of millions is never held in memory
     */
    record OpenLoop(
            String operation,
            List<String> images,
            Supplier<PrimitiveIterator.OfLong> dueNanos,
            int maxThreads,
            long durationNanos)
            implements Workload {
        public OpenLoop {
            images = List.copyOf(images);
            if (maxThreads < 1 || images.isEmpty()) {
                throw new IllegalArgumentException("an open loop needs a thread and an image");
            }
        }

        /** Due times given as an array (tests, short traces). */
        public static OpenLoop of(
                String operation,
                List<String> images,
                long[] dueNanos,
                int maxThreads,
                long durationNanos) {
            return new OpenLoop(
                    operation,
                    images,
                    () -> Arrays.stream(dueNanos).iterator(),
                    maxThreads,
                    durationNanos);
        }
    }
}
