package dev.pixelforge.load.jmeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.sample.Sample;
import dev.pixelforge.platform.sample.SampleLog;

import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.threads.JMeterVariables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One JMeter sample result, as JMeter's HTTP sampler fills it, into one PixelForge sample. */
class SampleRecorderTest {

    private static final long START = 1_700_000_000_123L;

    @TempDir Path dir;
    private SampleLog log;
    private LatencyLog latency;

    @BeforeEach
    void openLog() throws IOException {
        log = SampleLog.appendTo(dir.resolve("samples.csv"));
        latency = new LatencyLog(dir.resolve("histograms/t.hlog"));
    }

    @AfterEach
    void closeLog() throws IOException {
        log.close();
        latency.close();
    }

    private SampleRecorder recorder(String target, Operation operation) {
        return new SampleRecorder(target, operation, log, new Progress(target, 60, latency), false);
    }

    /**
     * A result that started at {@link #START}: 250 ms round trip, 241 ms to first byte, 3 ms to
     * connect.
     */
    private static SampleResult result(String responseCode) {
        SampleResult r = new SampleResult();
        r.setSampleLabel("1920x1080-jpeg");
        // JMeter's time stamp is the sample's end (sampleresult.timestamp.start defaults to false).
        r.setStampAndTime(START + 250, 250);
        r.setLatency(241);
        r.setConnectTime(3);
        r.setResponseCode(responseCode);
        r.setBytes(215_004L);
        r.setSentBytes(301_877L);
        return r;
    }

    @Test
    void toSample_success_carriesClientTimesInMicrosecondsAndTheServerTimingPhases() {
        Sample s =
                recorder("aws-lambda", Operation.TONE)
                        .toSample(
                                result("200"),
                                "decode;dur=18.956, tone;dur=10.519, encode;dur=21.314,"
                                        + " app;dur=311.980",
                                "true",
                                " ac005133 ");

        assertEquals(
                new Sample(
                        START,
                        "aws-lambda",
                        "tone",
                        "1920x1080-jpeg",
                        200,
                        true,
                        false,
                        215_004L,
                        301_877L,
                        250_000L,
                        241_000L,
                        3_000L,
                        311_980L,
                        18_956L,
                        10_519L,
                        21_314L,
                        Boolean.TRUE,
                        "ac005133"),
                s);
    }

    @Test
    void toSample_generate_takesWorkFromTheGeneratePhase() {
        Sample s =
                recorder("container", Operation.GENERATE)
                        .toSample(
                                result("200"),
                                "generate;dur=5, encode;dur=2, app;dur=8",
                                "false",
                                "c1");

        assertEquals("generate", s.operation());
        assertEquals(5_000L, s.workMicros());
        assertEquals(-1L, s.decodeMicros(), "generate decodes nothing");
        assertEquals(2_000L, s.encodeMicros());
        assertEquals(8_000L, s.appMicros());
        assertEquals(Boolean.FALSE, s.cold());
    }

    @Test
    void toSample_429_isAThrottleWithNoServerSide() {
        Sample s =
                recorder("gcp-function", Operation.TONE).toSample(result("429"), null, null, null);

        assertEquals(429, s.status());
        assertFalse(s.success());
        assertTrue(s.throttled());
        assertEquals(-1L, s.appMicros());
        assertEquals(-1L, s.decodeMicros());
        assertEquals(-1L, s.workMicros());
        assertEquals(-1L, s.encodeMicros());
        assertNull(s.cold());
        assertEquals("", s.instance());
    }

    @Test
    void toSample_500WithoutInstance_isApiGatewaysThrottle() {
        Sample s = recorder("aws-lambda", Operation.TONE).toSample(result("500"), "", "", "  ");

        assertEquals(500, s.status());
        assertFalse(s.success());
        assertTrue(s.throttled());
        assertNull(s.cold(), "a blank cold flag is no flag");
        assertEquals("", s.instance());
    }

    @Test
    void toSample_500FromAnInstance_isAnErrorNotAThrottle() {
        Sample s =
                recorder("aws-lambda", Operation.TONE)
                        .toSample(result("500"), "app;dur=1.5", "false", "ac005133");

        assertEquals(500, s.status());
        assertFalse(s.success());
        assertFalse(s.throttled());
        assertEquals(1_500L, s.appMicros());
        assertEquals("ac005133", s.instance());
    }

    @Test
    void toSample_nonHttpResponseCode_isStatus0AndNeitherSuccessNorThrottle() {
        Sample s =
                recorder("container", Operation.TONE_JSON)
                        .toSample(
                                result("Non HTTP response code: java.net.ConnectException"),
                                null,
                                null,
                                null);

        assertEquals(0, s.status());
        assertFalse(s.success());
        assertFalse(s.throttled());
        assertEquals("tone-json", s.operation());
    }

    @Test
    void toSample_coldFlag_isReadAsABooleanAfterTrimming() {
        SampleRecorder recorder = recorder("aws-lambda", Operation.TONE);

        assertEquals(Boolean.TRUE, recorder.toSample(result("200"), null, " true ", "a").cold());
        assertEquals(Boolean.FALSE, recorder.toSample(result("200"), null, "false", "a").cold());
        assertTrue(recorder.toSample(result("200"), null, "true", "a").isCold());
        assertFalse(recorder.toSample(result("200"), null, "false", "a").isCold());
    }

    private static final String HEADERS =
            "HTTP/1.1 200 OK\n"
                    + "server-timing: decode;dur=1, tone;dur=2, encode;dur=3, app;dur=7\n"
                    + "X-PixelForge-Target: container\n"
                    + "x-pixelforge-instance: c7\n"
                    + "X-PixelForge-Cold: false\n";

    private SampleRecorder recorder(boolean setVariables) {
        return new SampleRecorder(
                "container",
                Operation.TONE_JSON,
                log,
                new Progress("container", 60, latency),
                setVariables);
    }

    private List<Sample> logged() throws IOException {
        log.flush();
        List<Sample> samples = new ArrayList<>();
        SampleLog.read(dir.resolve("samples.csv"), samples::add);
        return samples;
    }

    @Test
    void record_readsTheHeadersFromTheResponseHeaderText_andLogsTheSample() throws IOException {
        SampleResult r = result("200");
        r.setResponseHeaders(HEADERS);

        recorder(false).record(r, new JMeterVariables());

        List<Sample> samples = logged();
        assertEquals(1, samples.size());
        Sample s = samples.get(0);
        assertEquals(7_000L, s.appMicros());
        assertEquals(2_000L, s.workMicros());
        assertEquals(Boolean.FALSE, s.cold());
        assertEquals("c7", s.instance());
    }

    /**
     * A remote engine's sample, as it reaches the controller: its body stripped as JMeter's default
     * StrippedBatch sender strips it ({@code DataStrippingSampleSender}: the byte count kept, the
     * data emptied), then serialised over RMI. The headers the report reads and the byte count
     * survive, and the sample is logged with its engine; an embedded one with none.
     */
    @Test
    void record_fromARemoteEngine_afterStrippingAndSerialising_keepsHeadersBytesAndItsEngine()
            throws Exception {
        SampleResult sent = result("200");
        sent.setResponseHeaders(HEADERS);
        sent.setThreadName("127.0.0.1:1099-load 1-2");
        // As JMeter's HTTP sampler counts it: headers and body sizes apart from the body it kept
        // (64 KiB at most).
        sent.setResponseData(new byte[1234]);
        sent.setHeadersSize(204);
        sent.setBodySize(214_800L);
        sent.setBytes(sent.getBytesAsLong()); // DataStrippingSampleSender.stripResponse, as it is
        sent.setResponseData(new byte[0]);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(wire)) {
            out.writeObject(sent);
        }
        SampleResult received;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(wire.toByteArray()))) {
            received = (SampleResult) in.readObject();
        }

        recorder(false).record(received, null, "127.0.0.1:1099");
        recorder(false).record(result("200"), new JMeterVariables());

        List<Sample> samples = logged();
        Sample remote = samples.get(0);
        assertEquals("127.0.0.1:1099", remote.engine());
        assertEquals(215_004L, remote.bytes());
        assertEquals(7_000L, remote.appMicros());
        assertEquals("c7", remote.instance());
        assertEquals(Boolean.FALSE, remote.cold());
        assertEquals("", samples.get(1).engine());
    }

    @Test
    void record_withoutAJtl_setsNoVariables() {
        SampleResult r = result("200");
        r.setResponseHeaders(HEADERS);
        JMeterVariables vars = new JMeterVariables();

        recorder(false).record(r, vars);

        LoadPlan.VARIABLES.forEach(name -> assertNull(vars.get(name), name));
    }

    @Test
    void record_forAJtl_setsTheFourSampleVariables_emptyWhenAHeaderIsMissing() {
        SampleResult r = result("200");
        r.setResponseHeaders(HEADERS);
        JMeterVariables vars = new JMeterVariables();

        recorder(true).record(r, vars);

        assertEquals(
                "decode;dur=1, tone;dur=2, encode;dur=3, app;dur=7", vars.get("server_timing"));
        assertEquals("false", vars.get("pf_cold"));
        assertEquals("c7", vars.get("pf_instance"));
        assertEquals("container", vars.get("pf_target"));

        SampleResult refused = result("429");
        refused.setResponseHeaders("HTTP/1.1 429 Too Many Requests\n");
        recorder(true).record(refused, vars);
        LoadPlan.VARIABLES.forEach(
                name ->
                        assertEquals(
                                "",
                                vars.get(name),
                                name + " keeps no value from the previous sample"));
    }

    @Test
    void record_inOpenLoop_takesTheSendLagTheArrivalTimerLeft_andClosedLoopHasNone()
            throws IOException {
        SampleResult r = result("200");
        r.setResponseHeaders(HEADERS);
        JMeterVariables vars = new JMeterVariables();

        recorder(false).record(r, vars);
        vars.put(ArrivalTimer.SEND_LAG_VARIABLE, "1500");
        recorder(false).record(r, vars);

        List<Sample> samples = logged();
        assertEquals(Sample.NOT_SCHEDULED, samples.get(0).sendLagMicros());
        assertEquals(
                250_000L,
                samples.get(0).intendedRoundTripMicros(),
                "closed loop: the round trip itself");
        assertEquals(1_500L, samples.get(1).sendLagMicros());
        assertEquals(
                251_500L,
                samples.get(1).intendedRoundTripMicros(),
                "from the intended send time: 1.5 ms late, then 250 ms");
    }
}
