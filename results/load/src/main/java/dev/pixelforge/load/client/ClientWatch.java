package dev.pixelforge.load.client;

import com.sun.management.OperatingSystemMXBean;

import dev.pixelforge.platform.run.RunLayout;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load client watching itself during one target's window: once a second, this JVM's CPU time,
 * GC time, heap and live threads, the time its CPU quota held it back (when it ran in one), and the
 * requests that failed in the client ({@link ClientFailure}), one row each in the run's {@code
 * client.csv}; at the end, what the rows cannot say in {@code client.properties}. The report
 * decides from these whether the client, not the target, limited the run.
 */
public final class ClientWatch implements AutoCloseable {

    static final String HEADER =
            "target,second,wall_ms,cpu_ms,cores,gc_ms,heap_used_bytes,heap_committed_bytes,"
                + "heap_max_bytes,threads,client_failures,quota_periods,quota_throttled_periods,"
                + "quota_throttled_ms";

    private final String target;
    private final ClientHost host;
    private final int threads;
    private final int rampSeconds;
    private final Path properties;
    private final BufferedWriter csv;
    private final ScheduledExecutorService ticker;
    private volatile ScheduledFuture<?> ticks; // null until the first request
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    // Cumulative figures since the start, as of the last row: a row holds the difference of their
    // millisecond values, so the rows of a window add up to its totals exactly.
    private long startNanos;
    private long startCpuNanos;
    private long startGcMillis;
    private QuotaUse startQuota = QuotaUse.NONE;
    private long shownWallMillis;
    private long shownCpuMillis;
    private long shownGcMillis;
    private QuotaUse shownQuota = QuotaUse.NONE;
    private long shownFailures;
    private int second;

    private ClientWatch(String target, ClientHost host, Path runDir, int threads, int rampSeconds)
            throws IOException {
        this.target = target;
        this.host = host;
        this.threads = threads;
        this.rampSeconds = rampSeconds;
        this.properties = runDir.resolve(RunLayout.CLIENT_PROPERTIES);
        Path file = runDir.resolve(RunLayout.CLIENT);
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        this.csv =
                Files.newBufferedWriter(
                        file,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
        if (fresh) {
            csv.write(HEADER);
            csv.newLine();
        }
        this.ticker =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "client-watch-" + target);
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * A watch for {@code target}'s window, rows to {@code runDir/client.csv}; it starts with {@link
     * #begin()}. {@code threads} and {@code rampSeconds} are the plan's, for the report to set what
     * the client reached against.
     */
    public static ClientWatch start(
            String target, ClientHost host, Path runDir, int threads, int rampSeconds)
            throws IOException {
        return new ClientWatch(target, host, runDir, threads, rampSeconds);
    }

    /**
     * The window opens: called before every request, it acts on the first. The engine's start-up
     * before it (a minute in a 0.1-CPU quota) is the client's own affair, not part of the target's
     * window.
     */
    public void begin() {
        if (ticks == null) {
            synchronized (this) {
                if (ticks == null) {
                    host.enterQuota().run();
                    startNanos = System.nanoTime();
                    startCpuNanos = os.getProcessCpuTime();
                    startGcMillis = gcMillis();
                    startQuota = host.quotaUse().get();
                    // A measurement cadence, not synchronisation: the rows are the per-second
                    // series.
                    ticks = ticker.scheduleAtFixedRate(this::row, 1, 1, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** One finished request, from a JMeter thread: counted when it failed in the client. */
    public void observe(String responseCode, String responseMessage) {
        if (ClientFailure.is(responseCode, responseMessage)) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, responseCode + " " + responseMessage);
        }
    }

    public long clientFailures() {
        return failures.get();
    }

    private synchronized void row() {
        long wall = (System.nanoTime() - startNanos) / 1_000_000;
        long cpu = (os.getProcessCpuTime() - startCpuNanos) / 1_000_000;
        long gc = gcMillis() - startGcMillis;
        QuotaUse quota = host.quotaUse().get().since(startQuota);
        QuotaUse quotaRow = quota.since(shownQuota);
        long failed = failures.get();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        try {
            csv.write(
                    String.join(
                            ",",
                            target,
                            Integer.toString(second++),
                            Long.toString(wall - shownWallMillis),
                            Long.toString(cpu - shownCpuMillis),
                            String.format(Locale.ROOT, "%.3f", host.cores()),
                            Long.toString(gc - shownGcMillis),
                            Long.toString(heap.getUsed()),
                            Long.toString(heap.getCommitted()),
                            Long.toString(heap.getMax()),
                            Integer.toString(threads),
                            Long.toString(failed - shownFailures),
                            Long.toString(quotaRow.periods()),
                            Long.toString(quotaRow.throttledPeriods()),
                            Long.toString(quotaRow.throttledMillis())));
            csv.newLine();
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to client.csv", e);
        }
        shownWallMillis = wall;
        shownCpuMillis = cpu;
        shownGcMillis = gc;
        shownQuota = quota;
        shownFailures = failed;
    }

    /**
     * All collectors' accumulated collection time; a collector that cannot tell (-1) adds nothing.
     */
    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /**
     * Stops the ticks, writes the last (partial) second and this target's lines of {@code
     * client.properties}.
     */
    @Override
    public void close() throws IOException {
        ScheduledFuture<?> started;
        synchronized (this) {
            started = ticks;
        }
        ticker.shutdown();
        if (started == null) { // no request was sent: no window, no rows
            csv.close();
            writeProperties();
            return;
        }
        started.cancel(false);
        try {
            if (!ticker.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IOException("the client watch of " + target + " did not stop");
            }
            started.get(); // a failed tick stopped the series: say so here rather than lose it
        } catch (CancellationException cancelled) {
            // what close() asked for: the ticks ended normally
        } catch (ExecutionException e) {
            throw new IOException("the client watch of " + target + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the client watch of " + target, e);
        }
        row();
        csv.close();
        writeProperties();
    }

    private void writeProperties() throws IOException {
        Properties p = new Properties();
        if (Files.exists(properties)) {
            try (Reader in = Files.newBufferedReader(properties)) {
                p.load(in);
            }
        }
        p.setProperty(target + ".cores", String.format(Locale.ROOT, "%.3f", host.cores()));
        p.setProperty(target + ".cores-from", host.coresFrom());
        p.setProperty(target + ".process", host.process());
        p.setProperty(target + ".client-failures", Long.toString(failures.get()));
        p.setProperty(target + ".threads", Integer.toString(threads));
        p.setProperty(target + ".ramp-s", Integer.toString(rampSeconds));
        if (firstFailure.get() != null) {
            p.setProperty(target + ".first-client-failure", firstFailure.get());
        }
        try (Writer w = Files.newBufferedWriter(properties)) {
            p.store(w, "the load client, per target: what client.csv's rows cannot say");
        }
    }
}
