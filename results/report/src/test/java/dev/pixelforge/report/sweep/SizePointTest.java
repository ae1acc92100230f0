package dev.pixelforge.report.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which sizes' cloud-equivalent times can flatter them, and which image is the CPU-bound one. */
class SizePointTest {

    private static SizePoint point(double vcpus, double dilation) {
        Map<String, Double> images = new LinkedHashMap<>();
        images.put("025x025-png", 1.5);
        images.put("1920x1080-jpeg", 21.9);
        return new SizePoint(
                "container",
                vcpus + " vCPU",
                SizePoint.EMULATED,
                vcpus,
                2048,
                dilation,
                100,
                10,
                5,
                9,
                4,
                new double[] {3, 5},
                8,
                900,
                1.2,
                images);
    }

    @Test
    void dilationCaveat_onlyAboveOneVcpuRunDilated() {
        assertNull(point(2, 1).dilationCaveat(), "undilated: measured");
        assertNull(
                point(0.5, 4.2).dilationCaveat(),
                "below 1 vCPU one thread uses the whole share: k is exact");
        assertEquals(
                "container 2.0 vCPU: 2.00 vCPU did not fit this machine's cores for instances, so"
                    + " it ran 1.67 times slower and its times are divided by 1.67; that holds for"
                    + " work that keeps all 2.00 vCPUs busy, and one request is one thread: its"
                    + " process time may be flattered by up to 2.00x. Sweep sizes above 1 vCPU on a"
                    + " larger machine, or in the cloud.",
                point(2, 1.667).dilationCaveat());
    }

    @Test
    void largestImage_isTheLastInSizeOrder() {
        assertEquals(Map.entry("1920x1080-jpeg", 21.9), point(1, 1).largestImage());
    }
}
