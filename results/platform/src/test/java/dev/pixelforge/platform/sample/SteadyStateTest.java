package dev.pixelforge.platform.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Map;

class SteadyStateTest {

    private static final long T0 = 1_800_000_000_000L;

    /**
     * A success sent {@code at} ms after T0, answered {@code took} ms later by {@code instance}.
     */
    private static Sample sample(String target, String instance, long at, long took) {
        return new Sample(
                T0 + at,
                target,
                "tone-json",
                "025x025-png",
                200,
                true,
                false,
                100,
                100,
                took * 1000,
                took * 1000,
                0,
                took * 500,
                -1,
                -1,
                -1,
                false,
                instance);
    }

    @Test
    void startupEnds_whenEveryEarlyInstanceHasAnsweredTwelve_laterOnesAreSteadyScaleOut() {
        SteadyState rule = new SteadyState();
        // i1 from 0 s, one request a second taking 100 ms: its twelfth ends at 11.1 s.
        for (int n = 0; n < 60; n++) {
            rule.accept(sample("lambda", "i1", n * 1000L, 100));
        }
        // i2 from 2 s, every 2 s: its twelfth (sent at 24 s) ends at 24.1 s: the start-up's end.
        for (int n = 0; n < 29; n++) {
            rule.accept(sample("lambda", "i2", 2000 + n * 2000L, 100));
        }
        // i3 starts at 40 s, after the window's half (30.05 s): the steady state's own.
        for (int n = 0; n < 15; n++) {
            rule.accept(sample("lambda", "i3", 40_000 + n * 1000L, 100));
        }

        SteadyState.Phases p = rule.phases(Map.of()).get("lambda");

        assertEquals(T0 + 24_100, p.steadyFromMillis());
        assertEquals(T0 + 59_100, p.endMillis());
        assertEquals(24.1, p.startupSeconds(), 1e-9);
        assertEquals(35.0, p.steadySeconds(), 1e-9);
        assertFalse(p.steady(sample("lambda", "i1", 24_000, 100)));
        assertTrue(p.steady(sample("lambda", "i1", 24_100, 100)));
    }

    @Test
    void rampUp_holdsTheStartUpAtLeastThatLong_andAnInstanceThatNeverWarms_endsItAtItsLast() {
        SteadyState rule = new SteadyState();
        for (int n = 0; n < 40; n++) {
            rule.accept(sample("run", "a", n * 1000L, 10));
        }
        // Three answers only, the last ending at 5.01 s: all it ever did was start up.
        for (int n = 0; n < 3; n++) {
            rule.accept(sample("run", "b", 3000 + n * 1000L, 10));
        }
        // A refusal names no instance and moves no boundary.
        rule.accept(
                new Sample(
                        T0 + 1000,
                        "run",
                        "tone-json",
                        "x",
                        429,
                        false,
                        true,
                        10,
                        10,
                        1000,
                        1000,
                        0,
                        -1,
                        -1,
                        -1,
                        -1,
                        null,
                        ""));

        assertEquals(T0 + 11_010, rule.phases(Map.of()).get("run").steadyFromMillis());
        assertEquals(
                T0 + 15_000, rule.phases(Map.of("run", 15_000L)).get("run").steadyFromMillis());
    }

    @Test
    void aTargetWhoseStartUpNeverEnds_hasNoSteadyState() {
        SteadyState rule = new SteadyState();
        for (int n = 0; n < 5; n++) {
            rule.accept(sample("gcf", "only", n * 1000L, 10));
        }
        SteadyState.Phases p = rule.phases(Map.of()).get("gcf");
        assertEquals(0.0, p.steadySeconds(), 1e-9);
        assertEquals(4.01, p.startupSeconds(), 1e-9);
    }
}
