package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** An engine without SSL runs whatever plan reaches it: it is refused off loopback, at once. */
class EngineOptionsTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realErr;

    @BeforeEach
    void captureErr() {
        realErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(realErr);
    }

    @Test
    void noSsl_onANonLoopbackHostname_isRefused_sayingWhy() {
        int exit =
                new CommandLine(new PixelForgeCli())
                        .execute("engine", "--port", "0", "--no-ssl", "--hostname", "10.1.2.3");

        assertEquals(2, exit);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("pixelforge engine: --no-ssl only on loopback"), message);
        assertTrue(message.contains("10.1.2.3"), message);
    }
}
