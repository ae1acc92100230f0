package dev.pixelforge.standins.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.profile.TargetProfile;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Billable instance time, request-based and instance-based, against figures worked out by hand. */
class LocalCloudShapesTest {

    @TempDir Path dir;

    @Test
    void instanceBasedBilling_billsTheInstancesWholeLife_busyOrNot() throws IOException {
        long[] now = {1_000};
        LocalCloudShapes shapes =
                new LocalCloudShapes(t -> TargetProfile.Billing.INSTANCE, () -> now[0]);
        Target container = Target.CONTAINER;
        shapes.instanceStarting(container, 1);
        shapes.requestServed(
                container, 1, 2_000_000_000L, 2_050_000_000L); // 50 ms of work in a minute's life
        now[0] = 61_050;
        InstanceRecord record = new InstanceRecord(container, 1, 42, 900, 1000, 10, 1, 1.0, 0);
        shapes.instanceStopped(record);
        shapes.write(dir, List.of(record));
        // 61,050 - 1,000 = 60,050 ms of life, rounded up to 100 ms: 60.1 s, whatever the one
        // request's 50 ms.
        String json =
                Files.readString(dir.resolve("container-container-billable_instance_time.json"));
        Assertions.assertTrue(json.contains("\"doubleValue\":60.1"), json);
    }

    @Test
    void billableTime_countsOverlappingRequestsOnce_addsStartUp_andRoundsUpTo100Ms() {
        // busy 0-150 (two overlapping requests) and 300-350: 150 + 50 = 200 ms; + 420 ms start-up =
        // 620 -> 700
        assertEquals(
                700,
                LocalCloudShapes.billableMillis(
                        List.of(new long[] {0, 100}, new long[] {50, 150}, new long[] {300, 350}),
                        420));
    }

    @Test
    void billableTime_ofBackToBackRequests_isTheirSum() {
        assertEquals(
                300,
                LocalCloudShapes.billableMillis(
                        List.of(new long[] {100, 200}, new long[] {0, 100}, new long[] {200, 300}),
                        0));
    }

    @Test
    void billableTime_ofAnInstanceThatServedNothing_isItsStartUp() {
        assertEquals(400, LocalCloudShapes.billableMillis(List.of(), 333.3));
    }
}
