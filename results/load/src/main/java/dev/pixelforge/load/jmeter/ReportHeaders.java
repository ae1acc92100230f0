package dev.pixelforge.load.jmeter;

import java.util.List;

/**
 * The four response headers the report needs, read once per sample from the header text JMeter
 * keeps ({@code SampleResult.getResponseHeaders()}: the status line, then one {@code Name: value}
 * per line). One pass, no regular expression: this runs on every request of every run. Names match
 * case-insensitively (HTTP/2 lower-cases them, API Gateway and Netty do not); a missing header
 * reads as the empty string, as the extractors' default did; the first of a repeated one wins.
 */
record ReportHeaders(String serverTiming, String cold, String instance, String target) {

    static final String SERVER_TIMING = "Server-Timing";
    static final String COLD = "X-PixelForge-Cold";
    static final String INSTANCE = "X-PixelForge-Instance";
    static final String TARGET = "X-PixelForge-Target";
    private static final List<String> NAMES = List.of(SERVER_TIMING, COLD, INSTANCE, TARGET);

    static ReportHeaders read(String headerText) {
        String[] found = new String[NAMES.size()];
        int missing = found.length;
        int at = 0;
        int end = headerText == null ? 0 : headerText.length();
        while (at < end && missing > 0) {
            int eol = headerText.indexOf('\n', at);
            int lineEnd = eol < 0 ? end : eol;
            int colon = headerText.indexOf(':', at);
            if (colon > at && colon < lineEnd) {
                int which = nameAt(headerText, at, colon);
                if (which >= 0 && found[which] == null) {
                    found[which] =
                            headerText
                                    .substring(colon + 1, lineEnd)
                                    .trim(); // trim drops the space and any '\r'
                    missing--;
                }
            }
            at = lineEnd + 1;
        }
        return new ReportHeaders(
                orEmpty(found[0]), orEmpty(found[1]), orEmpty(found[2]), orEmpty(found[3]));
    }

    /** Which of {@link #NAMES} spans {@code text[from, colon)}, ignoring case; -1 for none. */
    private static int nameAt(String text, int from, int colon) {
        int length = colon - from;
        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i);
            if (name.length() == length && text.regionMatches(true, from, name, 0, length)) {
                return i;
            }
        }
        return -1;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
