package dev.pixelforge.platform.sample;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The project's own record of a run: one CSV line per request, appended as requests finish and
 * never rewritten. Reports are made from this file alone. Thread-safe.
 */
public final class SampleLog implements AutoCloseable {

    static final String HEADER = "start_epoch_ms,target,operation,image,status,success,throttled,bytes,sent_bytes,"
            + "round_trip_us,latency_us,connect_us,app_us,decode_us,work_us,encode_us,cold,instance";

    private final BufferedWriter out;

    private SampleLog(BufferedWriter out) {
        this.out = out;
    }

    /** Opens {@code file} for appending, writing the header if the file is new. */
    public static SampleLog appendTo(Path file) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (fresh) {
            out.write(HEADER);
            out.newLine();
        }
        return new SampleLog(out);
    }

    public synchronized void append(Sample s) {
        try {
            out.write(s.startEpochMillis() + "," + clean(s.target()) + "," + clean(s.operation()) + "," + clean(s.image()) + ","
                    + s.status() + "," + s.success() + "," + s.throttled() + "," + s.bytes() + "," + s.sentBytes() + ","
                    + s.roundTripMicros() + "," + s.latencyMicros() + "," + s.connectMicros() + ","
                    + s.appMicros() + "," + s.decodeMicros() + "," + s.workMicros() + "," + s.encodeMicros() + ","
                    + (s.cold() == null ? "" : s.cold().toString()) + "," + clean(s.instance()));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to the sample log", e);
        }
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** Streams every sample of {@code file} to {@code sink}, without holding the file in memory. */
    public static long read(Path file, Consumer<Sample> sink) throws IOException {
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (!HEADER.equals(header)) {
                throw new IOException(file + " is not a PixelForge sample log (its header is " + header + ")");
            }
            int lineNo = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 18) {
                    throw new IOException(file + " line " + lineNo + " has " + f.length + " fields, not 18");
                }
                sink.accept(new Sample(Long.parseLong(f[0]), f[1], f[2], f[3], Integer.parseInt(f[4]),
                        Boolean.parseBoolean(f[5]), Boolean.parseBoolean(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]),
                        Long.parseLong(f[9]), Long.parseLong(f[10]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                        Long.parseLong(f[13]), Long.parseLong(f[14]), Long.parseLong(f[15]),
                        f[16].isEmpty() ? null : Boolean.valueOf(f[16]), f[17]));
                n++;
            }
        }
        return n;
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace(',', ';').replace('\n', ' ').replace('\r', ' ');
    }
}
