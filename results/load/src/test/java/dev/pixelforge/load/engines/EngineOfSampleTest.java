package dev.pixelforge.load.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Thread names as a remote engine makes them: {@code <host:port as the controller gave it>-<group>
 * <g>-<t>}.
 */
class EngineOfSampleTest {

    @Test
    void twoEnginesOnOneHost_areToldApartByPort() {
        EngineOfSample of =
                new EngineOfSample(EngineAddress.parseList("127.0.0.1:1099,127.0.0.1:2099"));
        assertEquals("127.0.0.1:1099", of.of("127.0.0.1:1099-load 1-3"));
        assertEquals("127.0.0.1:2099", of.of("127.0.0.1:2099-load 1-1"));
    }

    @Test
    void aPortThatBeginsAnother_isNotTakenForIt() {
        EngineOfSample of = new EngineOfSample(EngineAddress.parseList("h:10,h:1099"));
        assertEquals("h:1099", of.of("h:1099-load 1-1"));
        assertEquals("h:10", of.of("h:10-load 1-1"));
    }

    @Test
    void hostnamesWithDashes_areWhole() {
        EngineOfSample of =
                new EngineOfSample(EngineAddress.parseList("ip-10-0-1-6.ec2.internal:1099"));
        assertEquals(
                "ip-10-0-1-6.ec2.internal:1099", of.of("ip-10-0-1-6.ec2.internal:1099-load 1-12"));
    }

    @Test
    void aThreadNoEngineNamed_isKept_asItsName() {
        EngineOfSample of = new EngineOfSample(EngineAddress.parseList("a:1099"));
        assertEquals("?load 1-1", of.of("load 1-1"));
    }
}
