package dev.pixelforge.platform.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

/**
 * The sample log's CSV: what is appended is what is read, and what is not a sample log is refused.
 */
class SampleLogTest {

    /** A warm success through every phase. */
    private static final Sample OK =
            new Sample(
                    1_700_000_000_123L,
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
                    Boolean.FALSE,
                    "ac005133");

    /** A throttle: no function answered, so no server times, no cold flag, no instance. */
    private static final Sample THROTTLED =
            new Sample(
                    1_700_000_000_456L,
                    "container",
                    "tone-json",
                    "025x025-png",
                    429,
                    false,
                    true,
                    25L,
                    1_210L,
                    4_000L,
                    4_000L,
                    0L,
                    -1L,
                    -1L,
                    -1L,
                    -1L,
                    null,
                    "");

    @TempDir Path dir;

    private static List<Sample> readAll(Path file) throws IOException {
        List<Sample> samples = new ArrayList<>();
        long n = SampleLog.read(file, samples::add);
        assertEquals(samples.size(), n, "the count read returns");
        return samples;
    }

    @Test
    void read_afterAppend_returnsTheSameSamples() throws IOException {
        Path file = dir.resolve("samples.csv");
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(OK);
            log.append(THROTTLED);
        }

        assertEquals(List.of(OK, THROTTLED), readAll(file));
    }

    @Test
    void appendTo_anExistingLog_addsLinesUnderTheOneHeader() throws IOException {
        Path file = dir.resolve("samples.csv");
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(OK);
        }
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(THROTTLED);
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        assertEquals(SampleLog.HEADER, lines.get(0));
        assertEquals(
                "1700000000456,container,tone-json,025x025-png,429,false,true,25,1210,4000,4000,0,"
                        + "-1,-1,-1,-1,,,,-1",
                lines.get(2));
        assertEquals(List.of(OK, THROTTLED), readAll(file));
    }

    @Test
    void append_commasAndLineBreaksInFields_becomeSemicolonsAndSpaces() throws IOException {
        Path file = dir.resolve("samples.csv");
        Sample odd =
                new Sample(
                        1L,
                        "aws-lambda",
                        "tone",
                        "a,b\nc\r\nd",
                        200,
                        true,
                        false,
                        1L,
                        1L,
                        1_000L,
                        1_000L,
                        0L,
                        5L,
                        1L,
                        2L,
                        1L,
                        Boolean.TRUE,
                        "id,1\n");
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(odd);
        }

        assertEquals(
                2,
                Files.readAllLines(file, StandardCharsets.UTF_8).size(),
                "the header and one sample line");
        Sample back = readAll(file).get(0);
        assertEquals("a;b c  d", back.image());
        assertEquals("id;1 ", back.instance());
    }

    @Test
    void append_nullTextFields_areWrittenEmpty() throws IOException {
        Path file = dir.resolve("samples.csv");
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(
                    new Sample(
                            1L,
                            "gcp-function",
                            null,
                            null,
                            0,
                            false,
                            false,
                            0L,
                            0L,
                            0L,
                            0L,
                            0L,
                            -1L,
                            -1L,
                            -1L,
                            -1L,
                            null,
                            null));
        }

        Sample back = readAll(file).get(0);
        assertEquals("", back.operation());
        assertEquals("", back.image());
        assertEquals("", back.instance());
    }

    @Test
    void read_blankLines_areSkipped() throws IOException {
        Path file = dir.resolve("samples.csv");
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(OK);
        }
        Files.writeString(file, "\n  \n", StandardOpenOption.APPEND);

        assertEquals(List.of(OK), readAll(file));
    }

    @Test
    void read_aFileWithAnotherHeader_isRefusedNamingItsHeader() throws IOException {
        Path file = dir.resolve("results.jtl");
        Files.writeString(
                file, "timeStamp,elapsed,label,responseCode\n1700000000123,250,tone,200\n");

        IOException e = assertThrows(IOException.class, () -> SampleLog.read(file, s -> {}));

        assertEquals(
                file
                        + " is not a PixelForge sample log (its header is"
                        + " timeStamp,elapsed,label,responseCode)",
                e.getMessage());
    }

    @Test
    void read_aLineWithoutTwentyFields_isRefusedNamingTheLineAndTheCount() throws IOException {
        Path file = dir.resolve("samples.csv");
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(OK);
        }
        Files.writeString(
                file,
                "1,aws-lambda,tone,x,200,true,false,1,1,1,1,0,1,1,1,1,true\n",
                StandardOpenOption.APPEND);
        List<Sample> before = new ArrayList<>();

        IOException e = assertThrows(IOException.class, () -> SampleLog.read(file, before::add));

        assertEquals(file + " line 3 has 17 fields, not 20", e.getMessage());
        assertEquals(List.of(OK), before, "the lines before it were read");
    }

    @Test
    void read_aLastLineCutByAKill_isLeftOut_andSaidToBeCut() throws IOException {
        Path file = dir.resolve("samples.csv");
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(OK);
            log.append(THROTTLED);
        }
        assertFalse(SampleLog.endsMidLine(file));
        Files.writeString(file, "1700000000789,aws-lam", StandardOpenOption.APPEND);

        assertTrue(SampleLog.endsMidLine(file));
        assertEquals(List.of(OK, THROTTLED), readAll(file));
    }

    @Test
    void append_reachesTheFileWithinASecondOrSo_withoutFlushOrClose() throws Exception {
        Path file = dir.resolve("samples.csv");
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(OK);
            // Far under the 64 KB a thread buffers before it writes: only the timer writes it.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.readAllLines(file).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10); // a poll interval: the condition, not the sleep, ends the wait
            }
            assertEquals(List.of(OK), readAll(file), "on disk before close");
        }
    }

    @Test
    void read_aLogWrittenBeforeTheEngineAndSendLagColumns_readsAsOneEngineInClosedLoop()
            throws IOException {
        Path file = dir.resolve("samples.csv");
        Files.writeString(
                file,
                SampleLog.HEADER_18
                        + "\n"
                        + "1700000000456,container,tone-json,025x025-png,429,false,true,25,"
                        + "1210,4000,4000,0,-1,-1,-1,-1,,\n");

        assertEquals(List.of(THROTTLED), readAll(file));
    }

    @Test
    void append_anOpenLoopSampleFromARemoteEngine_keepsItsEngineAndSendLag() throws IOException {
        Path file = dir.resolve("samples.csv");
        Sample late =
                new Sample(
                        1L,
                        "container",
                        "tone",
                        "025x025-png",
                        200,
                        true,
                        false,
                        1L,
                        1L,
                        3_000L,
                        2_000L,
                        0L,
                        500L,
                        100L,
                        200L,
                        100L,
                        Boolean.FALSE,
                        "i-1",
                        "10.0.0.7:1099",
                        12_000L);
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(late);
        }

        assertEquals(List.of(late), readAll(file));
        assertEquals(
                15_000L,
                late.intendedRoundTripMicros(),
                "round trip from the intended send time: 3 ms + 12 ms late");
        assertEquals(
                OK.roundTripMicros(),
                OK.intendedRoundTripMicros(),
                "closed loop: the round trip itself");
    }

    @Test
    void late_fromOneMillisecondAfterTheIntendedSendTime_underItTheTimersOwnJitter() {
        LongFunction<Sample> lagging =
                lag ->
                        new Sample(
                                1L,
                                "container",
                                "tone",
                                "x",
                                200,
                                true,
                                false,
                                1L,
                                1L,
                                1_000L,
                                1_000L,
                                0L,
                                1L,
                                1L,
                                1L,
                                1L,
                                Boolean.FALSE,
                                "i",
                                "",
                                lag);
        assertEquals(
                List.of(false, false, false, true),
                LongStream.of(-1, 0, 999, 1_000)
                        .mapToObj(lag -> lagging.apply(lag).late())
                        .toList());
    }

    /**
     * Sample {@code i} of thread {@code t}: the instance field names the thread, the start time
     * counts.
     */
    private static Sample numbered(int t, int i) {
        return new Sample(
                i,
                "container",
                "tone-json",
                "025x025-png",
                200,
                true,
                false,
                100L,
                1_200L,
                900L,
                800L,
                0L,
                500L,
                100L,
                200L,
                100L,
                i == 0,
                "thread-" + t);
    }

    @Test
    void append_from8ThreadsAtOnce_keepsEveryLine_eachWholeAndInItsThreadsOrder() throws Exception {
        Path file = dir.resolve("samples.csv");
        int threads = 8;
        int each =
                20_000; // several buffers' worth per thread, so hand-overs to the file interleave
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (SampleLog log = SampleLog.appendTo(file)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    for (int i = 0; i < each; i++) {
                                        log.append(numbered(thread, i));
                                    }
                                    return null;
                                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(); // rethrows an append's failure
            }
        } finally {
            pool.shutdown();
        }

        Map<String, Integer> next = new HashMap<>();
        long n =
                SampleLog.read(
                        file,
                        s -> {
                            int expected = next.getOrDefault(s.instance(), 0);
                            assertEquals(
                                    numbered(
                                            Integer.parseInt(
                                                    s.instance().substring("thread-".length())),
                                            expected),
                                    s);
                            next.put(s.instance(), expected + 1);
                        });
        assertEquals((long) threads * each, n);
        assertEquals(threads, next.size());
        next.values().forEach(count -> assertEquals(each, count));
        assertEquals(
                threads * each + 1,
                Files.readAllLines(file, StandardCharsets.UTF_8).size(),
                "the header and one line per sample");
    }

    @Test
    void close_writesWhatThreadsThatHaveEndedLeftInTheirBuffers() throws Exception {
        Path file = dir.resolve("samples.csv");
        SampleLog log = SampleLog.appendTo(file);
        Thread a = new Thread(() -> log.append(OK));
        Thread b = new Thread(() -> log.append(THROTTLED));
        a.start();
        b.start();
        a.join();
        b.join();
        assertTrue(
                Files.readAllLines(file, StandardCharsets.UTF_8).size() <= 1,
                "both lines are still buffered: at most the header is written");

        log.close();

        List<Sample> back = readAll(file);
        assertEquals(2, back.size());
        assertTrue(back.containsAll(List.of(OK, THROTTLED)));
    }

    @Test
    void flush_drainsEveryThreadsBuffer_andTheLogGoesOn() throws Exception {
        Path file = dir.resolve("samples.csv");
        try (SampleLog log = SampleLog.appendTo(file)) {
            Thread other = new Thread(() -> log.append(OK));
            other.start();
            other.join();
            log.append(THROTTLED);

            log.flush();
            assertEquals(2, readAll(file).size());

            log.append(OK);
        }
        assertEquals(3, readAll(file).size());
    }

    @Test
    void append_afterClose_failsRatherThanDroppingTheSample() throws IOException {
        SampleLog log = SampleLog.appendTo(dir.resolve("samples.csv"));
        log.close();

        assertThrows(IllegalStateException.class, () -> log.append(OK));
    }
}
