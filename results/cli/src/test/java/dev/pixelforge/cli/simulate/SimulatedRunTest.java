package dev.pixelforge.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.image.ImageFormat;
import dev.pixelforge.load.arrivals.ArrivalRate;
import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.platform.run.RunManifest;
import dev.pixelforge.platform.sample.SampleLog;
import dev.pixelforge.report.summary.ArrivalPlan;
import dev.pixelforge.simulate.Network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class SimulatedRunTest {

    @TempDir Path runDir;

    @Test
    void aPoissonOpenLoop_saysEachTargetsPlan_asManyArrivalsAsWereDue() throws Exception {
        List<StudyImage> images =
                List.of(
                        new StudyImage(
                                "025x025-png",
                                25,
                                25,
                                ImageFormat.PNG,
                                Path.of("025x025.png"),
                                Path.of("025x025.json"),
                                2248));
        PlatformProfile platform = PlatformProfile.defaults();
        List<Target> targets = List.of(Target.AWS_LAMBDA, Target.CONTAINER);
        SimulatedRun.Spec spec =
                new SimulatedRun.Spec(
                        LoadProfile.named("quick")
                                .withArrivals(ArrivalRate.parse("10:20s,30:10s", 30), 50),
                        platform,
                        targets,
                        SimulationSources.figures(
                                "duration=20ms,cold-start=1s",
                                targets,
                                platform,
                                Map.of("025x025-png", 2248L)),
                        Network.LOOPBACK,
                        1,
                        SimulatedRun.Arrivals.POISSON,
                        null);

        SimulatedRun.execute(
                spec,
                images,
                runDir,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        long[] sent = new long[Target.values().length];
        SampleLog.read(
                runDir.resolve(RunLayout.SAMPLES), s -> sent[Target.of(s.target()).ordinal()]++);
        Map<String, ArrivalPlan> plans = ArrivalPlan.read(RunManifest.read(runDir).toProperties());
        assertEquals(2, plans.size(), plans.toString());
        for (Target t : targets) {
            ArrivalPlan plan = plans.get(t.id());
            // Poisson: about 200 + 300, drawn; the plan is the draws, every one of them sent.
            assertEquals(sent[t.ordinal()], plan.planned(), t.id());
            assertTrue(Math.abs(plan.planned() - 500) < 5 * Math.sqrt(500), plan.toString());
            assertEquals(30, plan.seconds());
            assertEquals(50, plan.maxThreads());
            assertEquals(plan.asked(), plan.sent(), "undilated: sent as asked");
        }
    }
}
