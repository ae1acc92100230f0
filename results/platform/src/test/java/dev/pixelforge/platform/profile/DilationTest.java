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
