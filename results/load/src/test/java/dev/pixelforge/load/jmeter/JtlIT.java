package dev.pixelforge.load.jmeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;

import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.sample.SampleLog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The JTL when a user asks for one: a short embedded run against a loopback server that answers as
 * every target does, its header values in the JTL's sample_variables columns, filled by the
 * recorder (the embedded plan has no extractors), one JTL line per sample of samples.csv.
 */
class JtlIT {

    @TempDir Path run;

    @Test
    void run_withJtl_writesTheFourHeaderColumnsFromTheRecorder() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/tone",
                exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    byte[] body =
                            "{\"image\":\"\",\"format\":\"png\",\"width\":1,\"height\":1}"
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders()
                            .add(
                                    "server-timing",
                                    "decode;dur=0.100, tone;dur=0.200, encode;dur=0.300,"
                                            + " app;dur=0.900");
                    exchange.getResponseHeaders().add("X-PixelForge-Target", "container");
                    exchange.getResponseHeaders().add("X-PixelForge-Instance", "i1");
                    exchange.getResponseHeaders().add("X-PixelForge-Cold", "false");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        try {
            OneImageRun.execute(
                    run,
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    new LoadProfile("jtl", 2, 0, 2, Operation.TONE_JSON, Long.MAX_VALUE),
                    new LoadRunner.Outputs(true, false));
        } finally {
            server.stop(0);
        }

        List<String> jtl = Files.readAllLines(run.resolve("jtl/container.jtl"));
        List<String> header = Arrays.asList(jtl.get(0).replace("\"", "").split(","));
        long samples =
                SampleLog.read(run.resolve("samples.csv"), s -> assertEquals("i1", s.instance()));
        assertTrue(samples > 10, samples + " samples");
        assertEquals(samples, jtl.size() - 1, "one JTL line per sample");
        int code = header.indexOf("responseCode");
        int target = header.indexOf("pf_target");
        int instance = header.indexOf("pf_instance");
        int cold = header.indexOf("pf_cold");
        assertTrue(
                code >= 0
                        && target >= 0
                        && instance >= 0
                        && cold >= 0
                        && header.contains("server_timing"),
                header.toString());
        for (String line : jtl.subList(1, jtl.size())) {
            // server_timing holds commas, so JMeter quotes it: read the simple columns only.
            assertTrue(
                    line.contains(
                            "\"decode;dur=0.100, tone;dur=0.200, encode;dur=0.300,"
                                    + " app;dur=0.900\""),
                    line);
            assertTrue(line.endsWith(",false,i1,container"), line);
        }
    }
}
