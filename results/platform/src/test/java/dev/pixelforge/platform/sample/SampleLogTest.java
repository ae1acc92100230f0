package dev.pixelforge.platform.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample log's CSV: what is appended is what is read, and what is not a sample log is refused. */
class SampleLogTest {

    /** A warm success through every phase. */
    private static final Sample OK = new Sample(1_700_000_000_123L, "aws-lambda", "tone", "1920x1080-jpeg", 200,
            true, false, 215_004L, 301_877L, 250_000L, 241_000L, 3_000L, 311_980L, 18_956L, 10_519L, 21_314L,
            Boolean.FALSE, "ac005133");
    /** A throttle: no function answered, so no server times, no cold flag, no instance. */
    private static final Sample THROTTLED = new Sample(1_700_000_000_456L, "container", "tone-json", "025x025-png", 429,
            false, true, 25L, 1_210L, 4_000L, 4_000L, 0L, -1L, -1L, -1L, -1L, null, "");

    @TempDir
    Path dir;

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
        assertEquals("1700000000456,container,tone-json,025x025-png,429,false,true,25,1210,4000,4000,0,-1,-1,-1,-1,,", lines.get(2));
        assertEquals(List.of(OK, THROTTLED), readAll(file));
    }

    @Test
    void append_commasAndLineBreaksInFields_becomeSemicolonsAndSpaces() throws IOException {
        Path file = dir.resolve("samples.csv");
        Sample odd = new Sample(1L, "aws-lambda", "tone", "a,b\nc\r\nd", 200, true, false, 1L, 1L, 1_000L, 1_000L, 0L,
                5L, 1L, 2L, 1L, Boolean.TRUE, "id,1\n");
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(odd);
        }

        assertEquals(2, Files.readAllLines(file, StandardCharsets.UTF_8).size(), "the header and one sample line");
        Sample back = readAll(file).get(0);
        assertEquals("a;b c  d", back.image());
        assertEquals("id;1 ", back.instance());
    }

    @Test
    void append_nullTextFields_areWrittenEmpty() throws IOException {
        Path file = dir.resolve("samples.csv");
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(new Sample(1L, "gcp-function", null, null, 0, false, false, 0L, 0L, 0L, 0L, 0L, -1L, -1L, -1L, -1L, null, null));
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
        Files.writeString(file, "timeStamp,elapsed,label,responseCode\n1700000000123,250,tone,200\n");

        IOException e = assertThrows(IOException.class, () -> SampleLog.read(file, s -> { }));

        assertEquals(file + " is not a PixelForge sample log (its header is timeStamp,elapsed,label,responseCode)", e.getMessage());
    }

    @Test
    void read_aLineWithoutEighteenFields_isRefusedNamingTheLineAndTheCount() throws IOException {
        Path file = dir.resolve("samples.csv");
        try (SampleLog log = SampleLog.appendTo(file)) {
            log.append(OK);
        }
        Files.writeString(file, "1,aws-lambda,tone,x,200,true,false,1,1,1,1,0,1,1,1,1,true\n", StandardOpenOption.APPEND);
        List<Sample> before = new ArrayList<>();

        IOException e = assertThrows(IOException.class, () -> SampleLog.read(file, before::add));

        assertEquals(file + " line 3 has 17 fields, not 18", e.getMessage());
        assertEquals(List.of(OK), before, "the lines before it were read");
    }
}
