package dev.pixelforge.load.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

class EngineAddressTest {

    @Test
    void parseList_twoEngines_keepsTheirOrderAndIds() {
        List<EngineAddress> engines =
                EngineAddress.parseList("10.0.1.5:1099, ip-10-0-1-6.ec2.internal:2099");
        assertEquals(
                List.of(
                        new EngineAddress("10.0.1.5", 1099),
                        new EngineAddress("ip-10-0-1-6.ec2.internal", 2099)),
                engines);
        assertEquals("ip-10-0-1-6.ec2.internal:2099", engines.get(1).id());
    }

    @Test
    void parseList_withoutPort_isRefused_withTheExpectedForm() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> EngineAddress.parseList("10.0.1.5"));
        assertTrue(e.getMessage().contains("host:port,host:port"), e.getMessage());
    }

    @Test
    void parseList_sameEngineTwice_isRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> EngineAddress.parseList("a:1099,a:1099"));
        assertTrue(e.getMessage().contains("names a:1099 twice"), e.getMessage());
    }

    @Test
    void parseList_badPorts_andEmptyItems_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> EngineAddress.parseList("a:http"));
        assertThrows(IllegalArgumentException.class, () -> EngineAddress.parseList("a:0"));
        assertThrows(IllegalArgumentException.class, () -> EngineAddress.parseList("a:65536"));
        assertThrows(IllegalArgumentException.class, () -> EngineAddress.parseList("a:1099,"));
        assertThrows(IllegalArgumentException.class, () -> EngineAddress.parseList(":1099"));
    }

    @Test
    void sameHost_twoPorts_areTwoEngines() {
        assertEquals(2, EngineAddress.parseList("127.0.0.1:1099,127.0.0.1:2099").size());
    }
}
