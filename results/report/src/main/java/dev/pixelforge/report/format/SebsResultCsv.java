package dev.pixelforge.report.format;

import dev.pixelforge.platform.sample.Sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code result.csv} in the shape SeBS (spcl/serverless-benchmarks) writes per invocation, so a
 * PixelForge run can be read by tools made for that suite. Microseconds. As in SeBS: {@code
 * exec_time} is the benchmark's own work inside the function (decode + tone/generate + encode),
 * {@code provider_time} the function's execution as the platform runs it (Server-Timing {@code
 * app}, the closest the client sees to Lambda's Duration), {@code client_time} the client's round
 * trip, {@code connection_time} its TCP connect, {@code type} cold or warm; {@code mem_used} is not
 * known per request (0).
 */
public final class SebsResultCsv implements Consumer<Sample>, AutoCloseable {

    public static final String HEADER =
            "type,is_cold,exec_time,connection_time,client_time,provider_time,mem_used";

    private final BufferedWriter out;

    public SebsResultCsv(Path file) throws IOException {
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
            long kernel =
                    Math.max(0, s.decodeMicros())
                            + Math.max(0, s.workMicros())
                            + Math.max(0, s.encodeMicros());
            out.write(
                    (s.isCold() ? "cold" : "warm")
                            + ","
                            + (s.isCold() ? "True" : "False")
                            + ","
                            + kernel
                            + ","
                            + s.connectMicros()
                            + ","
                            + s.roundTripMicros()
                            + ","
                            + Math.max(0, s.appMicros())
                            + ",0");
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
