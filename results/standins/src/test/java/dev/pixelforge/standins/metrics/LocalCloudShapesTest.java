package dev.pixelforge.standins.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Request-based billable instance time, against figures worked out by hand. */
class LocalCloudShapesTest {

    @Test
    void billableTime_countsOverlappingRequestsOnce_addsStartUp_andRoundsUpTo100Ms() {
        // busy 0-150 (two overlapping requests) and 300-350: 150 + 50 = 200 ms; + 420 ms start-up = 620 -> 700
        assertEquals(700, LocalCloudShapes.billableMillis(List.of(new long[] {0, 100}, new long[] {50, 150}, new long[] {300, 350}), 420));
    }

    @Test
    void billableTime_ofBackToBackRequests_isTheirSum() {
        assertEquals(300, LocalCloudShapes.billableMillis(List.of(new long[] {100, 200}, new long[] {0, 100}, new long[] {200, 300}), 0));
    }

    @Test
    void billableTime_ofAnInstanceThatServedNothing_isItsStartUp() {
        assertEquals(400, LocalCloudShapes.billableMillis(List.of(), 333.3));
    }
}
