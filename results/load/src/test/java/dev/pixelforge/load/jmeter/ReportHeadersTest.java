package dev.pixelforge.load.jmeter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The header text as JMeter's HTTP sampler keeps it, read into the four values the report needs.
 */
class ReportHeadersTest {

    @Test
    void read_allFour_fromJmetersHeaderText() {
        String text =
                "HTTP/1.1 200 OK\n"
                    + "Content-Type: application/json\n"
                    + "Server-Timing: decode;dur=0.1, tone;dur=0.2, encode;dur=0.3, app;dur=0.9\n"
                    + "X-PixelForge-Target: container\n"
                    + "X-PixelForge-Instance: c1a2\n"
                    + "X-PixelForge-Cold: true\n"
                    + "content-length: 120\n";

        assertEquals(
                new ReportHeaders(
                        "decode;dur=0.1, tone;dur=0.2, encode;dur=0.3, app;dur=0.9",
                        "true",
                        "c1a2",
                        "container"),
                ReportHeaders.read(text));
    }

    @Test
    void read_namesInAnyCase_andCrLfLineEnds() {
        String text =
                "HTTP/2 200\r\n"
                        + "server-timing: app;dur=1\r\n"
                        + "x-pixelforge-cold: false\r\n"
                        + "X-PIXELFORGE-INSTANCE:   i9  \r\n"
                        + "x-PixelForge-target:aws-lambda";

        assertEquals(
                new ReportHeaders("app;dur=1", "false", "i9", "aws-lambda"),
                ReportHeaders.read(text));
    }

    @Test
    void read_missingHeaders_areEmpty() {
        assertEquals(
                new ReportHeaders("", "", "", ""),
                ReportHeaders.read("HTTP/1.1 429 Too Many Requests\nRetry-After: 1\n"));
        assertEquals(new ReportHeaders("", "", "", ""), ReportHeaders.read(""));
        assertEquals(
                new ReportHeaders("", "", "", ""),
                ReportHeaders.read(null),
                "no HTTP answer: JMeter keeps no headers");
    }

    @Test
    void read_onlyWholeNames_andTheFirstOfARepeatedHeader() {
        String text =
                "HTTP/1.1 200 OK\n"
                        + "X-PixelForge-Cold-Start: yes\n"
                        + "X-Server-Timing: wrong\n"
                        + "X-PixelForge-Cold: true\n"
                        + "X-PixelForge-Cold: false\n"
                        + "Via: a:b\n";

        ReportHeaders h = ReportHeaders.read(text);
        assertEquals("true", h.cold());
        assertEquals(
                "",
                h.serverTiming(),
                "a header whose name only ends in Server-Timing is another header");
    }

    @Test
    void read_aValueHoldingColons_isKeptWhole() {
        assertEquals(
                "a:b:c",
                ReportHeaders.read("HTTP/1.1 200 OK\nX-PixelForge-Instance: a:b:c\n").instance());
    }
}
