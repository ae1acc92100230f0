package dev.pixelforge.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The two named clients and the sizes --client-memory takes. */
class ClientLimitsTest {

    @Test
    void t3micro_isItsBaseline_twoTenthsOfACpu_andOneGib() {
        ClientLimits t3 = ClientLimits.named("t3.micro");
        assertEquals(0.2, t3.cpus());
        assertEquals(1L << 30, t3.memoryBytes());
        assertEquals(805_306_368L, t3.heapBytes()); // 768 MiB
    }

    @Test
    void m7iFlexLarge_isTwoCpus_andEightGib() {
        ClientLimits m7i = ClientLimits.named("m7i-flex.large");
        assertEquals(2.0, m7i.cpus());
        assertEquals(8L << 30, m7i.memoryBytes());
    }

    @Test
    void custom_takesSizesInKMG_orBytes_orNone() {
        assertEquals(512L << 20, ClientLimits.custom(0.1, "512m").memoryBytes());
        assertEquals(1536L << 20, ClientLimits.custom(0.1, "1.5GiB").memoryBytes());
        assertEquals(4096, ClientLimits.custom(0.1, "4096").memoryBytes());
        assertEquals(0, ClientLimits.custom(0.1, null).memoryBytes());
        assertThrows(IllegalArgumentException.class, () -> ClientLimits.custom(0.1, "lots"));
        assertThrows(IllegalArgumentException.class, () -> ClientLimits.custom(0, "1g"));
        assertThrows(IllegalArgumentException.class, () -> ClientLimits.named("t2.nano"));
    }
}
