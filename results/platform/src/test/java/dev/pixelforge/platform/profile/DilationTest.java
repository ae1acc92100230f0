package dev.pixelforge.platform.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pixelforge.platform.Target;

import org.junit.jupiter.api.Test;

import java.util.Properties;

/** The scale model's factor per target, against figures worked out by hand. */
class DilationTest {

    @Test
    void automatic_isEachPeakOverTheCoresLeft_atLeastOne() {
        // 2 cores - 0.5 = 1.5 for instances. Lambda: 10 x 1024/1769 = 5.789 -> 3.859; Cloud Run: 10
        // x 1 -> 6.667
        Dilation d = Dilation.automatic(PlatformProfile.defaults(), 2, 0.5);
        assertEquals(10 * 1024.0 / 1769 / 1.5, d.of(Target.AWS_LAMBDA), 1e-9);
        assertEquals(10 * 0.583 / 1.5, d.of(Target.GCP_FUNCTION), 1e-9);
        assertEquals(10 / 1.5, d.of(Target.CONTAINER), 1e-9);
        Properties small = new Properties();
        small.setProperty("aws-lambda.reserved-concurrency", "2");
        assertEquals(
                1.0,
                Dilation.automatic(PlatformProfile.from(small), 2, 0.5).of(Target.AWS_LAMBDA),
                "1.158 vCPU fits 1.5 cores");
    }

    @Test
    void automatic_countsOnlyTheInstancesTheLoadCanKeepBusy() {
        // The sweep: 2 threads, 1,769 MB (1 vCPU), reserved concurrency 10, on 2 cores
        // less 0.8: 2 environments busy at once, 2 vCPU on 1.2 cores, k = 1.667, not 10 / 1.2.
        Properties p = new Properties();
        p.setProperty("aws-lambda.memory-mb", "1769");
        p.setProperty("aws-lambda.reserved-concurrency", "10");
        PlatformProfile sweep = PlatformProfile.from(p);
        Dilation two = Dilation.automatic(sweep, 2, 0.8, 2);
        assertEquals(2 / 1.2, two.of(Target.AWS_LAMBDA), 1e-9);
        assertEquals(10 / 1.2, Dilation.automatic(sweep, 2, 0.8).of(Target.AWS_LAMBDA), 1e-9);
        assertEquals(
                10 / 1.2,
                Dilation.automatic(sweep, 2, 0.8, 50).of(Target.AWS_LAMBDA),
                1e-9,
                "50 threads: capped by reserved concurrency 10");
        // Cloud Run at concurrency 80: 10 threads can keep 10 instances of 1 vCPU busy (its CPU
        // autoscaler adds instances while each is over 60%); one thread keeps one.
        assertEquals(10 / 1.2, Dilation.automatic(sweep, 2, 0.8, 10).of(Target.CONTAINER), 1e-9);
        assertEquals(1.0, Dilation.automatic(sweep, 2, 0.8, 1).of(Target.CONTAINER));
        assertEquals(
                1 / 1.2,
                Dilation.automatic(sweep, 2, 0.8, 1).oversubscription().get(Target.CONTAINER),
                1e-9);
        assertEquals(
                3 * 0.583 / 1.2, Dilation.parse("auto", sweep, 2, 3).of(Target.GCP_FUNCTION), 1e-9);
        assertEquals(
                "  aws-lambda    dilation k = 1.67 (peak 2.00 vCPU on 1.20 cores for instances)",
                two.describe(sweep).lines().findFirst().orElseThrow());
    }

    @Test
    void peakVcpus_refusesALoadWithNothingInFlight() {
        assertEquals(
                "a load has at least one request in flight, not 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> PlatformProfile.defaults().of(Target.CONTAINER).peakVcpus(0))
                        .getMessage());
    }

    @Test
    void parse_takesAutoOrAFactor_andRefusesLessThanOne() {
        PlatformProfile p = PlatformProfile.defaults();
        assertEquals(1.0, Dilation.parse("1", p, 2).of(Target.CONTAINER));
        assertEquals(
                10 / 1.2,
                Dilation.parse("1", p, 2).oversubscription().get(Target.CONTAINER),
                1e-9,
                "still says how oversubscribed");
        assertEquals(3.0, Dilation.parse("3", p, 2).of(Target.AWS_LAMBDA));
        assertEquals(
                "--dilation is at least 1 (a model runs slower, never faster), was 0.5",
                assertThrows(IllegalArgumentException.class, () -> Dilation.parse("0.5", p, 2))
                        .getMessage());
        assertEquals(
                "--dilation takes auto or a factor such as 1 or 4, not fast",
                assertThrows(IllegalArgumentException.class, () -> Dilation.parse("fast", p, 2))
                        .getMessage());
    }
}
