package dev.pixelforge.load.jmeter;

import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.sample.Sample;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.platform.sample.ServerTiming;

import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.threads.JMeterVariables;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns each JMeter sample into a PixelForge {@link Sample}, appends it to the run's sample log and
 * counts it for the progress line. Runs on the JMeter thread that made the request. It reads the
 * response headers itself, once ({@link ReportHeaders}): four regex extractors per request cost
 * more than the rest of the recording. When a JTL is asked for, it also sets the JMeter variables
 * the JTL's {@code sample_variables} columns are written from (post-processors run before
 * listeners).
 */
final class SampleRecorder {

    private final String target;
    private final Operation operation;
    private final SampleLog log;
    private final Progress progress;
    private final boolean setVariables;
    private final Consumer<SampleResult> alsoOnEach;

    /**
     * {@code setVariables}: fill {@link LoadPlan#VARIABLES} for a JTL writer; off, a sample costs
     * no map writes.
     */
    SampleRecorder(
            String target,
            Operation operation,
            SampleLog log,
            Progress progress,
            boolean setVariables) {
        this(target, operation, log, progress, setVariables, r -> {});
    }

    /**
     * {@code alsoOnEach}: shown every result too (the client's watch, counting its own failures).
     */
    SampleRecorder(
            String target,
            Operation operation,
            SampleLog log,
            Progress progress,
            boolean setVariables,
            Consumer<SampleResult> alsoOnEach) {
        this.target = target;
        this.operation = operation;
        this.log = log;
        this.progress = progress;
        this.setVariables = setVariables;
        this.alsoOnEach = alsoOnEach;
    }

    /** From any JMeter thread, after its request ({@link RecordingPostProcessor}). */
    void record(SampleResult result, JMeterVariables vars) {
        record(result, vars, "");
    }

    /**
     * {@code engine}: the remote engine that sent it ({@code host:port}), "" for the embedded one;
     * {@code vars} may be null then.
     */
    void record(SampleResult result, JMeterVariables vars, String engine) {
        ReportHeaders h = ReportHeaders.read(result.getResponseHeaders());
        if (setVariables) {
            vars.put("server_timing", h.serverTiming());
            vars.put("pf_cold", h.cold());
            vars.put("pf_instance", h.instance());
            vars.put("pf_target", h.target());
        }
        // set before each open-loop request, never in closed loop (nor on remote engines: no
        // variables reach the controller)
        String lag = vars == null ? null : vars.get(ArrivalTimer.SEND_LAG_VARIABLE);
        Sample s =
                toSample(
                        result,
                        h.serverTiming(),
                        h.cold(),
                        h.instance(),
                        engine,
                        lag == null ? Sample.NOT_SCHEDULED : Long.parseLong(lag));
        log.append(s);
        progress.record(s);
        alsoOnEach.accept(result);
    }

    Sample toSample(SampleResult r, String serverTiming, String cold, String instance) {
        return toSample(r, serverTiming, cold, instance, Sample.NOT_SCHEDULED);
    }

    /**
     * {@code sendLagMicros}: how late an open-loop request left ({@link Sample#NOT_SCHEDULED} in
     * closed loop).
     */
    Sample toSample(
            SampleResult r, String serverTiming, String cold, String instance, long sendLagMicros) {
        return toSample(r, serverTiming, cold, instance, "", sendLagMicros);
    }

    /**
     * {@code engine}: the remote engine that sent it ({@code host:port}), "" for the embedded one.
     */
    Sample toSample(
            SampleResult r,
            String serverTiming,
            String cold,
            String instance,
            String engine,
            long sendLagMicros) {
        int status = status(r.getResponseCode());
        String inst = instance == null ? "" : instance.trim();
        Map<String, Long> phases = ServerTiming.parse(serverTiming);
        long work = phases.getOrDefault("tone", phases.getOrDefault("generate", -1L));
        return new Sample(
                r.getStartTime(),
                target,
                operation.id(),
                r.getSampleLabel(),
                status,
                status >= 200 && status < 300,
                Sample.isThrottle(status, inst),
                r.getBytesAsLong(),
                r.getSentBytes(),
                r.getTime() * 1000,
                r.getLatency() * 1000,
                r.getConnectTime() * 1000,
                phases.getOrDefault("app", -1L),
                phases.getOrDefault("decode", -1L),
                work,
                phases.getOrDefault("encode", -1L),
                cold == null || cold.isBlank() ? null : Boolean.valueOf(cold.trim()),
                inst,
                engine,
                sendLagMicros);
    }

    /**
     * JMeter writes "Non HTTP response code: ..." when no HTTP answer came (refused, reset,
     * timeout): 0.
     */
    private static int status(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException noHttpAnswer) {
            return 0;
        }
    }
}
