package dev.pixelforge.load.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

class EngineCpuTest {

    static final List<String> SCRIPT =
            List.of(
                    "java",
                    "-cp",
                    "x.jar",
                    "dev.pixelforge.cli.PixelForgeCli",
                    "engine",
                    "--port",
                    "1099");

    @Test
    void theEngineCommandOnItsPort_isFound() {
        assertTrue(EngineCpu.isEngineOn(SCRIPT, 1099));
        assertTrue(
                EngineCpu.isEngineOn(
                        List.of(
                                "java",
                                "dev.pixelforge.cli.PixelForgeCli",
                                "engine",
                                "--port=2099"),
                        2099));
    }

    @Test
    void theEngineCommandWithoutPort_isOnItsDefault1099_only() {
        List<String> bare =
                List.of(
                        "java",
                        "-cp",
                        "x.jar",
                        "dev.pixelforge.cli.PixelForgeCli",
                        "engine",
                        "--no-ssl");
        assertTrue(EngineCpu.isEngineOn(bare, 1099));
        assertFalse(EngineCpu.isEngineOn(bare, 2099));
    }

    @Test
    void anotherPort_orAnotherCommand_isNot() {
        assertFalse(EngineCpu.isEngineOn(SCRIPT, 2099));
        assertFalse(
                EngineCpu.isEngineOn(
                        List.of(
                                "java",
                                "dev.pixelforge.cli.PixelForgeCli",
                                "compare",
                                "--port",
                                "1099"),
                        1099));
    }

    @Test
    void anEngineOnAnotherMachine_isNotWatched_andSaysSo() {
        assertEquals(
                "engine CPU not watched (on another machine)",
                EngineCpu.start(new EngineAddress("192.0.2.1", 1099)).finish());
    }

    @Test
    void aLoopbackPortWithNoEngine_isNotWatched_andSaysWhy() {
        assertEquals(
                "engine CPU not watched (no ./pixelforge engine --port 1 process on this machine)",
                EngineCpu.start(new EngineAddress("127.0.0.1", 1)).finish());
    }
}
