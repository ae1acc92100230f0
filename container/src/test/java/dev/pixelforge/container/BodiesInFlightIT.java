package dev.pixelforge.container;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.contract.LaunchedJvm;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Bodies still arriving count against the instance's memory budget: on a 40 MB heap (a budget of
 * about 19 MB), of two 15 MiB uploads whose bodies are still being sent, one is refused at once
 * (503, Retry-After) instead of both being buffered whole.
 */
class BodiesInFlightIT {

    private static final int BODY = 15 << 20;

    @Test
    void aSecondLargeUpload_whileTheFirstIsStillArriving_isRefusedBusyAtOnce() throws Exception {
        int port = LaunchedJvm.freePort();
        try (LaunchedJvm jvm =
                        LaunchedJvm.start(
                                List.of(
                                        "-Xmx40m",
                                        "-jar",
                                        System.getProperty("pixelforge.container.jar")),
                                Map.of("PORT", Integer.toString(port)),
                                port,
                                Path.of("target", "bodies-in-flight-it.log"),
                                Duration.ofSeconds(60));
                Socket one = startUpload(port);
                Socket other = startUpload(port)) {
            // Whichever arrives second (their order is the server's) is refused at once.
            String answer = firstAnswer(List.of(one, other), Duration.ofSeconds(30));

            assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
            assertTrue(answer.toLowerCase().contains("retry-after: 1"), answer);
            assertTrue(answer.contains("\"error\":\"busy\""), answer);
        }
    }

    /**
     * The first answer either upload gets; the other, its body never complete, gets none (the
     * server waits for the rest of it).
     */
    private static String firstAnswer(List<Socket> uploads, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadline) {
            for (Socket s : uploads) {
                s.setSoTimeout(100); // polling both, with a deadline
                try {
                    int n = s.getInputStream().read(buffer);
                    if (n > 0) {
                        StringBuilder text =
                                new StringBuilder(
                                        new String(buffer, 0, n, StandardCharsets.US_ASCII));
                        s.setSoTimeout(5_000);
                        while (!text.toString().contains("}")
                                && (n = s.getInputStream().read(buffer)) > 0) {
                            text.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                        }
                        return text.toString();
                    }
                } catch (SocketTimeoutException nothingYet) {
                    // this one has no answer yet: try the other
                }
            }
        }
        throw new AssertionError("neither upload was answered within " + within);
    }

    /** A PNG upload's headers and its first kilobyte: the rest never comes. */
    private static Socket startUpload(int port) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = s.getOutputStream();
        out.write(
                ("POST /tone HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\n"
                                + "Content-Length: "
                                + BODY
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        out.write(new byte[1020]);
        out.flush();
        return s;
    }
}
