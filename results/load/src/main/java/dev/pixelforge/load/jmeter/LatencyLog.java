package dev.pixelforge.load.jmeter;

import dev.pixelforge.platform.sample.Sample;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One target's successful round trips, recorded as they happen with HdrHistogram (microseconds,
 * three significant digits) and written once a second to {@code histograms/<target>.hlog}, the
 * interval log HdrHistogram's own tools read (HistogramLogProcessor, HistogramLogAnalyzer). The
 * live progress line reads its percentiles from here.
 *
 * <p>The report does not: it computes exact nearest-rank percentiles from {@code samples.csv},
 * which its order-statistic confidence intervals need (an interval is a pair of exact ranks, and
 * three significant digits would move a value by up to 0.1%). Both are fed from the same samples,
 * successes only, so the log and the report agree within HdrHistogram's precision. In open loop
 * both hold the round trip from each request's intended send time (HdrHistogram's own
 * coordinated-omission remedy, recording from the intended time, rather than its after-the-fact
 * correction).
 */
final class LatencyLog implements AutoCloseable {

    static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram sinceStart = new Histogram(SIGNIFICANT_DIGITS);
    private final HistogramLogWriter writer;
    private final PrintStream file;
    private Histogram recycled;

    LatencyLog(Path hlog) throws IOException {
        Files.createDirectories(hlog.getParent());
        file = new PrintStream(Files.newOutputStream(hlog), false, StandardCharsets.US_ASCII);
        writer = new HistogramLogWriter(file);
        long now = System.currentTimeMillis();
        writer.outputComment(
                "PixelForge: successful round trips of one target, in microseconds (JMeter measures"
                        + " whole milliseconds)");
        writer.outputLogFormatVersion();
        writer.outputStartTime(now);
        writer.setBaseTime(now);
        writer.outputLegend();
    }

    /** From any JMeter thread: wait-free. */
    void record(Sample s) {
        if (s.success()) {
            recorder.recordValue(
                    Math.max(
                            0,
                            s.intendedRoundTripMicros())); // the round trip itself in closed loop
        }
    }

    /**
     * Writes the interval since the last call to the log and adds it to the run's total; one caller
     * at a time.
     */
    synchronized void interval() {
        Histogram interval = recorder.getIntervalHistogram(recycled);
        if (interval.getTotalCount() > 0) {
            // Interval_Max in milliseconds (the writer's default ratio assumes nanoseconds).
            writer.outputIntervalHistogram(
                    (interval.getStartTimeStamp() - writer.getBaseTime()) / 1000.0,
                    (interval.getEndTimeStamp() - writer.getBaseTime()) / 1000.0,
                    interval,
                    1000.0);
            sinceStart.add(interval);
        }
        recycled = interval;
    }

    /**
     * Successful round trips so far: count, and the p-th percentile in microseconds
     * (HdrHistogram's, to three digits).
     */
    synchronized long count() {
        return sinceStart.getTotalCount();
    }

    synchronized long percentileMicros(double p) {
        return sinceStart.getValueAtPercentile(p);
    }

    @Override
    public synchronized void close() throws IOException {
        interval();
        file.close();
        if (file.checkError()) {
            throw new IOException("could not write the latency log");
        }
    }
}
