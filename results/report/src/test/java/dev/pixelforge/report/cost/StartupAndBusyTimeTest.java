package dev.pixelforge.report.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import java.util.Properties;

class StartupAndBusyTimeTest {

    private static Properties prices() {
        Properties p = new Properties();
        p.setProperty("aws-lambda.gb-second", "0.0000166667");
        p.setProperty("gcp.vcpu-second", "0.000024");
        p.setProperty("gcp.gib-second", "0.0000025");
        p.setProperty(StartupCost.RATE_KEY, "100");
        return p;
    }

    @Test
    void busyPeriods_areEachRoundedUpAfterDilation_thenSharedByTheSuccesses() {
        // 250 ms, 120 ms and 1,010 ms measured at k = 2: 125, 60 and 505 ms in the cloud, billed
        // 200 + 100 + 600 = 900 ms, over 3 successes: 300 ms each.
        SteadyBusyTime busy = new SteadyBusyTime(new long[] {250_000, 120_000, 1_010_000}, 3);
        assertEquals(300.0, busy.billedMillisPerSuccess(2, 100), 1e-9);
    }

    @Test
    void startups_arePricedAtTheTargetsRates_timesTheStatedRate() {
        // Lambda, 1,024 MB, INIT 800 ms: 0.8 s x 1 GB x 0.0000166667 x 100 per million.
        StartupCost lambda = StartupCost.of("aws-lambda", 800, 1024, 0.579, prices());
        assertEquals(0.8 * 0.0000166667 * 100, lambda.perMillionUsd(), 1e-12);
        // Cloud Run, 1 vCPU and 512 MiB, 2 s to ready: 2 x (0.000024 + 0.5 x 0.0000025) x 100.
        StartupCost run = StartupCost.of("container", 2000, 512, 1, prices());
        assertEquals(2 * (0.000024 + 0.5 * 0.0000025) * 100, run.perMillionUsd(), 1e-12);
    }

    @Test
    void noStatedRate_orNoStartUpMeasured_isNoLine() {
        Properties none = prices();
        none.remove(StartupCost.RATE_KEY);
        assertNull(StartupCost.of("aws-lambda", 800, 1024, 0.579, none));
        assertNull(StartupCost.of("aws-lambda", Double.NaN, 1024, 0.579, prices()));
    }
}
