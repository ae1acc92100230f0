package dev.pixelforge.load.jmeter;

import dev.pixelforge.platform.sample.Sample;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A target's live progress line: elapsed of planned, requests, errors, throttles, the current
 * throughput (requests finished in the last five seconds), and the successes' p50 and p99 so far
 * (from the HdrHistogram latency log, which it also ticks once a second); in open loop also the
 * arrivals that left late. Updated from JMeter threads.
 */
final class Progress {

    private static final int WINDOW_SECONDS = 5;

    private final String target;
    private final int plannedSeconds;
    private final long startNanos = System.nanoTime();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private volatile boolean openLoop;
    private final AtomicLongArray perSecond =
            new AtomicLongArray(64); // ring of finished-request counts
    private final LatencyLog latency;

    /** Wall-clock seconds per cloud second: the line shows cloud time when it is over 1. */
    private final double slowdown;

    Progress(String target, int plannedSeconds, LatencyLog latency) {
        this(target, plannedSeconds, latency, 1);
    }

    Progress(String target, int plannedSeconds, LatencyLog latency, double slowdown) {
        this.target = target;
        this.plannedSeconds = plannedSeconds;
        this.latency = latency;
        this.slowdown = slowdown;
    }

    void record(Sample s) {
        latency.record(s);
        requests.incrementAndGet();
        if (s.throttled()) {
            throttles.incrementAndGet();
        } else if (!s.success()) {
            errors.incrementAndGet();
        }
        if (s.sendLagMicros() >= 0 && !openLoop) {
            openLoop = true;
        }
        if (s.late()) {
            late.incrementAndGet();
        }
        perSecond.incrementAndGet((int) (elapsedSeconds() % perSecond.length()));
    }

    private long elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    long requests() {
        return requests.get();
    }

    String line() {
        long now = elapsedSeconds();
        long recent = 0;
        int seconds = (int) Math.min(WINDOW_SECONDS, now);
        for (int i = 1; i <= seconds; i++) {
            recent += perSecond.get((int) ((now - i) % perSecond.length()));
        }
        // Clear the slot ahead so the ring never counts a second from a lap ago.
        perSecond.set((int) ((now + 1) % perSecond.length()), 0);
        latency.interval();
        String percentiles =
                latency.count() == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "  p50 %.0f ms  p99 %.0f ms",
                                latency.percentileMicros(50) / 1000.0,
                                latency.percentileMicros(99) / 1000.0);
        return String.format(
                Locale.ROOT,
                "%-12s %s / %s%s  %7d requests  %5d errors  %6d throttles%s  %7.1f req/s%s",
                target,
                clock(Math.round(now / slowdown)),
                clock(Math.round(plannedSeconds / slowdown)),
                slowdown == 1
                        ? ""
                        : String.format(
                                Locale.ROOT, " cloud (k = %.2f, wall %s)", slowdown, clock(now)),
                requests.get(),
                errors.get(),
                throttles.get(),
                openLoop ? String.format(Locale.ROOT, "  %6d late", late.get()) : "",
                seconds == 0 ? 0.0 : recent / (double) seconds,
                percentiles);
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /**
     * Prints the line every second: rewritten in place on a terminal, every ten seconds otherwise.
     */
    Thread startPrinting(PrintStream out) {
        boolean terminal = System.console() != null;
        Thread printer =
                new Thread(
                        () -> {
                            try {
                                for (long tick = 1; ; tick++) {
                                    Thread.sleep(1000); // a display refresh, not synchronisation
                                    String line =
                                            line(); // every second: it also writes the latency
                                    // log's interval
                                    if (terminal) {
                                        out.print("\r" + line);
                                        out.flush();
                                    } else if (tick % 10 == 0) {
                                        out.println(line);
                                    }
                                }
                            } catch (InterruptedException done) {
                                out.println((terminal ? "\r" : "") + line());
                            }
                        },
                        "progress-" + target);
        printer.setDaemon(true);
        printer.start();
        return printer;
    }
}
