package dev.pixelforge.results.report;

import dev.pixelforge.results.samples.Sample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code result.csv} in the shape SeBS (spcl/serverless-benchmarks) writes per invocation, so a
 * PixelForge run can be read by tools made for that suite. Microseconds. {@code exec_time} is the
 * function's own time (Server-Timing app; SeBS's benchmark measures it inside the function too),
 * {@code client_time} the client's round trip, {@code provider_time} the platform's share (round trip
 * minus app), {@code connection_time} the client's TCP connect, {@code mem_used} unknown per request (0).
 */
final class SebsResultCsv implements Consumer<Sample>, AutoCloseable {

    static final String HEADER = "type,is_cold,exec_time,connection_time,client_time,provider_time,mem_used";

    private final BufferedWriter out;

    SebsResultCsv(Path file) throws IOException {
        out = Files.newBufferedWriter(file);
        out.write(HEADER);
        out.newLine();
    }

    @Override
    public void accept(Sample s) {
        if (!s.success()) {
            return; // SeBS records completed invocations only
        }
        try {
            out.write(s.target() + "," + (s.isCold() ? "True" : "False") + "," + Math.max(0, s.appMicros()) + ","
                    + s.connectMicros() + "," + s.roundTripMicros() + "," + Math.max(0, s.overheadMicros()) + ",0");
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
