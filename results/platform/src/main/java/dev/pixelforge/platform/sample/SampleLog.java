package dev.pixelforge.platform.sample;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The project's own record of a run: one CSV line per request, appended as requests finish and
 * never rewritten. Reports are made from this file alone. What is appended reaches the file within
 * {@link #FLUSH_EVERY_MILLIS} (a daemon timer flushes every thread's buffer), and at the JVM's
 * orderly exit (a shutdown hook, for Ctrl-C), so a run killed outright loses at most its last
 * second (KilledCompareIT); a line cut by the kill is left out when read ({@link #read}, {@link
 * #endsMidLine}). Thread-safe, and built for many load threads at once: each thread formats its
 * lines into a buffer of its own, outside any shared lock, and takes the file's lock only to hand
 * over a full buffer. {@link #flush()} and {@link #close()} drain every thread's buffer, so nothing
 * appended before them is lost. Lines of one thread keep their order; lines of different threads
 * interleave by buffer (readers do not rely on order).
 */
public final class SampleLog implements AutoCloseable {

    static final String HEADER =
            "start_epoch_ms,target,operation,image,status,success,throttled,bytes,sent_bytes,"
                    + "round_trip_us,latency_us,connect_us,app_us,decode_us,work_us,encode_us,cold,"
                    + "instance,engine,send_lag_us";

    /**
     * What logs written before the engine and send-lag columns begin with: still read (as one
     * engine, closed loop).
     */
    static final String HEADER_18 = HEADER.substring(0, HEADER.indexOf(",engine"));

    /**
     * A thread's buffer goes to the file once it holds this much: ~500 lines, a few lock takes per
     * second per thread.
     */
    static final int BUFFER_CHARS = 64 * 1024;

    private static final String NEWLINE =
            System.lineSeparator(); // what BufferedWriter.newLine wrote before

    private final BufferedWriter out; // guarded by itself
    private final Queue<StringBuilder> buffers =
            new ConcurrentLinkedQueue<>(); // every thread's, for flush and close
    private final ThreadLocal<StringBuilder> mine = ThreadLocal.withInitial(this::register);
    private volatile boolean closed;
    private final ScheduledExecutorService flusher;
    private final Thread onExit;

    /**
     * How often the timer drains: half a second, so that a sample waits in memory less than a
     * second even when the timer runs late on a busy machine (a kill loses no sample older).
     */
    public static final long FLUSH_EVERY_MILLIS = 500;

    private SampleLog(BufferedWriter out, Path file) {
        this.out = out;
        this.flusher =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "sample-log-flush " + file.getFileName());
                            t.setDaemon(true);
                            return t;
                        });
        flusher.scheduleWithFixedDelay(
                this::flushQuietly, FLUSH_EVERY_MILLIS, FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        this.onExit = new Thread(this::flushQuietly, "sample-log-exit " + file.getFileName());
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * The timer's and the exit hook's flush: a failure is reported on stderr (it has no caller to
     * throw to), and the next flush or close tries again.
     */
    private void flushQuietly() {
        try {
            if (!closed) {
                flush();
            }
        } catch (IOException e) {
            System.err.println("sample log: could not flush: " + e.getMessage());
        }
    }

    /** Opens {@code file} for appending, writing the header if the file is new. */
    public static SampleLog appendTo(Path file) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        BufferedWriter out =
                Files.newBufferedWriter(
                        file,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
        if (fresh) {
            out.write(HEADER);
            out.newLine();
        }
        return new SampleLog(out, file);
    }

    private StringBuilder register() {
        StringBuilder b = new StringBuilder(BUFFER_CHARS + 512);
        buffers.add(b);
        return b;
    }

    /**
     * Appends {@code s}. The buffer's lock is only ever wanted by its own thread, except while
     * {@link #flush()} drains it, so it costs no contention; the file's lock is taken once per full
     * buffer.
     */
    public void append(Sample s) {
        StringBuilder b = mine.get();
        synchronized (b) {
            if (closed) {
                throw new IllegalStateException(
                        "the sample log is closed: a sample came after the run ended");
            }
            format(s, b);
            if (b.length() >= BUFFER_CHARS) {
                try {
                    drain(b);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not append to the sample log", e);
                }
            }
        }
    }

    /** Writes every thread's buffered lines to the file and flushes it. */
    public void flush() throws IOException {
        for (StringBuilder b : buffers) {
            synchronized (b) {
                drain(b);
            }
        }
        synchronized (out) {
            out.flush();
        }
    }

    /**
     * Drains and closes. An append racing with close either holds its buffer's lock first, and its
     * line is drained here, or sees {@code closed} and fails: no sample is silently dropped.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        flusher.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException exiting) {
            // Closed by another shutdown hook: the JVM is exiting, and onExit runs or has run.
        }
        flush();
        synchronized (out) {
            out.close();
        }
    }

    /**
     * Whether {@code file} ends inside a line: the process writing it was killed mid-line (a
     * finished log always ends with a line break).
     */
    public static boolean endsMidLine(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() == 0) {
                return false;
            }
            f.seek(f.length() - 1);
            int last = f.read();
            return last != '\n';
        }
    }

    /** Caller holds {@code b}'s lock. */
    private void drain(StringBuilder b) throws IOException {
        if (b.length() == 0) {
            return;
        }
        synchronized (out) {
            out.append(b);
        }
        b.setLength(0);
    }

    private static void format(Sample s, StringBuilder b) {
        b.append(s.startEpochMillis()).append(',');
        clean(s.target(), b).append(',');
        clean(s.operation(), b).append(',');
        clean(s.image(), b).append(',');
        b.append(s.status())
                .append(',')
                .append(s.success())
                .append(',')
                .append(s.throttled())
                .append(',')
                .append(s.bytes())
                .append(',')
                .append(s.sentBytes())
                .append(',')
                .append(s.roundTripMicros())
                .append(',')
                .append(s.latencyMicros())
                .append(',')
                .append(s.connectMicros())
                .append(',')
                .append(s.appMicros())
                .append(',')
                .append(s.decodeMicros())
                .append(',')
                .append(s.workMicros())
                .append(',')
                .append(s.encodeMicros())
                .append(',');
        if (s.cold() != null) {
            b.append(s.cold().booleanValue());
        }
        b.append(',');
        clean(s.instance(), b).append(',');
        clean(s.engine(), b).append(',').append(s.sendLagMicros()).append(NEWLINE);
    }

    /**
     * Streams every sample of {@code file} to {@code sink}, without holding the file in memory. A
     * last line cut mid-way by a kill is left out ({@link #endsMidLine} says whether there was
     * one); any other malformed line is an error naming it.
     */
    public static long read(Path file, Consumer<Sample> sink) throws IOException {
        long n = 0;
        boolean cut = endsMidLine(file);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (!HEADER.equals(header) && !HEADER_18.equals(header)) {
                throw new IOException(
                        file + " is not a PixelForge sample log (its header is " + header + ")");
            }
            int fields = HEADER.equals(header) ? 20 : 18;
            int lineNo = 1;
            String next = in.readLine();
            for (String line = next; line != null; line = next) {
                next = in.readLine();
                lineNo++;
                if (line.isBlank() || (cut && next == null)) {
                    continue; // the last line, cut by a kill
                }
                String[] f = line.split(",", -1);
                if (f.length != fields) {
                    throw new IOException(
                            file
                                    + " line "
                                    + lineNo
                                    + " has "
                                    + f.length
                                    + " fields, not "
                                    + fields);
                }
                sink.accept(
                        new Sample(
                                Long.parseLong(f[0]),
                                f[1],
                                f[2],
                                f[3],
                                Integer.parseInt(f[4]),
                                Boolean.parseBoolean(f[5]),
                                Boolean.parseBoolean(f[6]),
                                Long.parseLong(f[7]),
                                Long.parseLong(f[8]),
                                Long.parseLong(f[9]),
                                Long.parseLong(f[10]),
                                Long.parseLong(f[11]),
                                Long.parseLong(f[12]),
                                Long.parseLong(f[13]),
                                Long.parseLong(f[14]),
                                Long.parseLong(f[15]),
                                f[16].isEmpty() ? null : Boolean.valueOf(f[16]),
                                f[17],
                                fields == 20 ? f[18] : "",
                                fields == 20 ? Long.parseLong(f[19]) : Sample.NOT_SCHEDULED));
                n++;
            }
        }
        return n;
    }

    /** A field never holds the separators: commas become semicolons, line breaks spaces. */
    private static StringBuilder clean(String s, StringBuilder b) {
        if (s == null) {
            return b;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c == ',' ? ';' : c == '\n' || c == '\r' ? ' ' : c);
        }
        return b;
    }
}
