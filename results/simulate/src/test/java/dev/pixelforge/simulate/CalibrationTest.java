package dev.pixelforge.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.sample.Sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

class CalibrationTest {

    @TempDir Path dir;

    private static Sample ok(String image, long roundTrip, long app, Boolean cold) {
        return new Sample(
                0,
                "aws-lambda",
                "tone-json",
                image,
                200,
                true,
                false,
                2000,
                1000,
                roundTrip,
                roundTrip,
                0,
                app,
                -1,
                -1,
                -1,
                cold,
                "1");
    }

    @Test
    void aDilatedRun_calibratesProcessAndStartUpInCloudTime_andTheFrontAsMeasured() {
        RunCalibration from =
                new RunCalibration(
                        Map.of(Target.AWS_LAMBDA, new RunCalibration.Conditions(0.5, 4)));
        // The instance's first half of warm requests is its JIT warming up: left out.
        from.accept(ok("a", 90_500, 90_000, false));
        from.accept(ok("a", 70_500, 70_000, false));
        from.accept(ok("a", 4_500, 4_000, false));
        from.accept(ok("a", 8_600, 8_000, false));
        from.accept(ok("a", 40_000, 20_000, true));
        from.accept(
                new Sample(
                        0,
                        "aws-lambda",
                        "tone-json",
                        "a",
                        500,
                        false,
                        true,
                        36,
                        1000,
                        900,
                        900,
                        0,
                        -1,
                        -1,
                        -1,
                        -1,
                        null,
                        ""));
        from.accept(new InstanceRecord(Target.AWS_LAMBDA, 1, 1, 800.0, 0, 0, 3, 0.5, 0));

        TargetCalibration c = from.calibration(Map.of()).of(Target.AWS_LAMBDA);

        assertEquals(2, c.image("a").appMicros().size());
        assertEquals(1_000, c.image("a").appMicros().quantile(0));
        assertEquals(2_000, c.image("a").appMicros().quantile(1));
        assertEquals(5_000, c.firstAppMicros().quantile(0.5));
        assertEquals(200_000, c.readyMicros().quantile(0.5));
        assertEquals(500, c.frontMicros().quantile(0));
        assertEquals(600, c.frontMicros().quantile(1));
        assertEquals(1000, c.image("a").requestBytes());
        assertEquals(2000, c.image("a").responseBytes());
        assertEquals(900, c.refusalMicros().quantile(0.5), "the refused request's round trip");
        assertEquals(500, c.image("a").frontMicros().quantile(0), "the front's time, per image");
        assertEquals(
                900,
                c.image("a").admitMicros().orElseThrow().quantile(0.5),
                "the image's refusals: the front's time before it asks for an instance");
    }

    @Test
    void leasesOfOneRequestAtATime_splitEachRoundTrip_intoProcessHoldAndFront() {
        RunCalibration from =
                new RunCalibration(
                        Map.of(Target.AWS_LAMBDA, new RunCalibration.Conditions(0.5, 1)));
        from.accept(ok("a", 50_000, 20_000, true)); // sent at 0 ms
        from.accept(withStart(ok("a", 10_000, 4_000, false), 100));
        from.accept(new RunCalibration.Lease(Target.AWS_LAMBDA, 1_000, 30_000));
        from.accept(new RunCalibration.Lease(Target.AWS_LAMBDA, 101_000, 7_000));
        from.accept(new InstanceRecord(Target.AWS_LAMBDA, 1, 1, 800.0, 0, 0, 2, 0.5, 0));

        Calibration calibration = from.calibration(Map.of());
        TargetCalibration c = calibration.of(Target.AWS_LAMBDA);

        assertEquals(30_000, c.firstAppMicros().quantile(0.5), "the cold lease, whole");
        assertEquals(4_000, c.image("a").appMicros().quantile(0.5));
        assertEquals(3_000, c.image("a").holdMicros().quantile(0.5), "lease 7 ms - app 4 ms");
        assertEquals(3_000, c.frontMicros().quantile(0.5), "round trip 10 ms - lease 7 ms");
        assertTrue(calibration.provenance().get("hold.aws-lambda").startsWith("each request's"));
    }

    private static Sample withStart(Sample s, long startEpochMillis) {
        return new Sample(
                startEpochMillis,
                s.target(),
                s.operation(),
                s.image(),
                s.status(),
                s.success(),
                s.throttled(),
                s.bytes(),
                s.sentBytes(),
                s.roundTripMicros(),
                s.latencyMicros(),
                s.connectMicros(),
                s.appMicros(),
                s.decodeMicros(),
                s.workMicros(),
                s.encodeMicros(),
                s.cold(),
                s.instance());
    }

    @Test
    void theLongRoundsWarmFigures_takeThePooledColdStarts_intoAnEmptyCalibration() {
        TargetCalibration longRound = oneRound(3_000, 800.0, 40_000);
        TargetCalibration pooled =
                Calibration.merge(
                                List.of(
                                        new Calibration(
                                                Map.of(), Map.of(Target.AWS_LAMBDA, longRound)),
                                        new Calibration(
                                                Map.of(),
                                                Map.of(
                                                        Target.AWS_LAMBDA,
                                                        oneRound(9_000, 1_200.0, 60_000)))),
                                Map.of())
                        .of(Target.AWS_LAMBDA);

        TargetCalibration c =
                new Calibration(Map.of(), Map.of())
                        .with(longRound.withColdStartsOf(pooled))
                        .of(Target.AWS_LAMBDA);

        assertEquals(List.of(3_000L, 3_000L), values(c.image("a").appMicros()), "warm: long round");
        assertEquals(List.of(800_000L, 1_200_000L), values(c.readyMicros()), "start-ups: pooled");
        assertEquals(List.of(40_000L, 60_000L), values(c.firstAppMicros()), "first: pooled");
        IllegalArgumentException other =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                longRound.withColdStartsOf(
                                        new TargetCalibration(
                                                Target.AWS_LAMBDA,
                                                0.5,
                                                pooled.readyMicros(),
                                                pooled.firstAppMicros(),
                                                pooled.frontMicros(),
                                                pooled.refusalMicros(),
                                                pooled.images())));
        assertEquals(
                "aws-lambda at 1.0 vCPU cannot take the cold starts of aws-lambda at 0.5 vCPU",
                other.getMessage());
    }

    /**
     * One round of one instance: a cold request, then four warm ones of {@code warmApp} each, the
     * first two of them left out as its JIT warming up.
     */
    private static TargetCalibration oneRound(long warmApp, double readyMillis, long firstApp) {
        RunCalibration from =
                new RunCalibration(Map.of(Target.AWS_LAMBDA, new RunCalibration.Conditions(1, 1)));
        from.accept(ok("a", firstApp + 500, firstApp, true));
        for (int i = 0; i < 4; i++) {
            from.accept(ok("a", warmApp + 500, warmApp, false));
        }
        from.accept(new InstanceRecord(Target.AWS_LAMBDA, 1, 1, readyMillis, 0, 0, 5, 1, 0));
        return from.calibration(Map.of()).of(Target.AWS_LAMBDA);
    }

    private static List<Long> values(Distribution d) {
        return Arrays.stream(d.values()).boxed().toList();
    }

    @Test
    void aRunWithNoColdStart_cannotBeCalibrated_andSaysSo() {
        RunCalibration from =
                new RunCalibration(Map.of(Target.AWS_LAMBDA, new RunCalibration.Conditions(1, 1)));
        from.accept(ok("a", 1_500, 1_000, false));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> from.calibration(Map.of()));
        assertEquals(
                "aws-lambda cannot be calibrated from this run: it has no cold start",
                e.getMessage());
    }

    @Test
    void aCalibrationFile_readsBackWhatWasWritten() throws IOException {
        Calibration written =
                new Calibration(
                        Map.of("source", "test", "date", "2026-12-05"),
                        Map.of(
                                Target.CONTAINER,
                                new TargetCalibration(
                                        Target.CONTAINER,
                                        1,
                                        Distribution.of(900_000, 1_100_000),
                                        Distribution.of(300_000),
                                        Distribution.of(800, 1200, 1000),
                                        Distribution.of(700),
                                        Map.of(
                                                "0025x0025-png",
                                                new ImageCalibration(
                                                                "0025x0025-png",
                                                                400,
                                                                300,
                                                                Distribution.of(900, 950),
                                                                Distribution.of(800, 1200))
                                                        .withAdmit(Distribution.of(600, 650))))));
        Path file = dir.resolve("calibration.properties");
        written.write(file);

        Calibration read = Calibration.read(file);

        assertEquals(written.provenance(), read.provenance());
        TargetCalibration c = read.of(Target.CONTAINER);
        assertEquals(1_100_000, c.readyMicros().quantile(1));
        assertEquals(3, c.frontMicros().size());
        assertEquals(700, c.refusalMicros().quantile(0.5));
        ImageCalibration image = c.image("0025x0025-png");
        assertEquals(1200, image.frontMicros().quantile(1));
        assertEquals(650, image.admitMicros().orElseThrow().quantile(1));
        assertEquals(950, c.image("0025x0025-png").appMicros().quantile(1));
        assertEquals(400, c.image("0025x0025-png").requestBytes());
    }

    @Test
    void aCalibrationOfAnotherFormat_isRefused_sayingHowToRemakeIt() throws IOException {
        Path file = dir.resolve("old.properties");
        Files.writeString(file, "format=0\n");

        IOException e = assertThrows(IOException.class, () -> Calibration.read(file));
        assertTrue(
                e.getMessage().endsWith("make it again with ./pixelforge calibrate"),
                e.getMessage());
    }
}
