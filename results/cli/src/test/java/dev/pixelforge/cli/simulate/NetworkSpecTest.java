package dev.pixelforge.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.simulate.Network;

import org.junit.jupiter.api.Test;

/** --network: presets are the spelled-out paths they name; a bad one lists what is accepted. */
class NetworkSpecTest {

    @Test
    void aPreset_isThePathItNames_andSaysSo() {
        Network t3 = NetworkSpec.parse("t3.micro");
        assertEquals(2_000, t3.roundTripMicros());
        assertEquals(625_000_000.0, t3.upBytesPerSecond(), "5,000 Mbit/s");
        assertEquals(0.2, t3.jitter(), 1e-12);
        assertEquals("t3.micro (rtt=2ms,up=5000mbit,down=5000mbit,jitter=20%)", t3.name());
        assertEquals(1_150_000, NetworkSpec.parse("rando-implied").roundTripMicros());
        assertEquals(Network.LOOPBACK, NetworkSpec.parse("loopback"));
    }

    @Test
    void anUnknownPath_listsThePresets() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NetworkSpec.parse("ec2"));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "--network takes loopback, a preset (m7i-flex.large,"
                                        + " rando-implied, same-region, t3.micro) or rtt="),
                e.getMessage());
    }
}
