package dev.pixelforge.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.InstanceRecord;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.platform.profile.TargetProfile;
import dev.pixelforge.platform.sample.InstanceLog;
import dev.pixelforge.platform.sample.Sample;
import dev.pixelforge.platform.sample.SampleLog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

/**
 * The simulator against the emulator on one small spec, undilated: 4 threads for 120 s against
 * Lambda's reserved concurrency 2, Cloud Functions' max instances 2 and Cloud Run's 1, the whole
 * image set in turn. The emulator's side is a recorded run (src/test/resources/agreement, with the
 * command that made it); the simulator is calibrated by {@code ./pixelforge calibrate} from
 * separate one-instance runs, as a user would calibrate it. Both sides are fixed and the simulation
 * is seeded, so a busy neighbour cannot flip this test once its inputs are right.
 *
 * <p>The spec's peak fits the machine undilated: Lambda's two environments at 0.579 vCPU, Cloud
 * Functions' two instances at 0.583, Cloud Run's one at 1 vCPU, each target in turn on the 1.2
 * cores left for instances. A first recording with Cloud Run at two instances (1.7x oversubscribed)
 * on a machine at load 3 to 4 disagreed by 16 to 48%, and was replaced.
 *
 * <p>Disabled: the re-recording (5 Dec 2026, 20:15-20:28 UTC, load average 1.2 to 2.6) agrees for
 * Cloud Functions but not yet for the other two. Lambda: requests +15.5%, throttles +14.2%, steady
 * p50 -20.0% (88 vs 70 ms), p95 -3.3%, billable +4.4%. Cloud Run: requests -19.6%, p50 +5.4%, p95
 * +29.5%, billable +6.7%. Which side is wrong is not settled. Two suspects, both things the
 * simulator does not model: the emulated run's API Gateway front and client share the two cores
 * with the instances (Lambda's four threads loop on refusals at about 190 a second), and Cloud
 * Run's container now parses JSON and decodes base64 on Netty's event loop, beside the one-thread
 * pixel pool the simulator models as first come, first served.
 */
@Disabled(
        "disagrees for aws-lambda (p50 -20%, throttles +14%) and container (p95 +30%): see the"
                + " class comment")
class EmulatorAgreementTest {

    private static final long SECOND = 1_000_000_000L;
    private static List<Sample> emulated;
    private static List<InstanceRecord> emulatedInstances;
    private static Calibration calibration;

    @BeforeAll
    static void readRecordedRun() throws IOException, URISyntaxException {
        Path dir = Path.of(EmulatorAgreementTest.class.getResource("/agreement").toURI());
        Path samples = Files.createTempFile("agreement-samples", ".csv");
        try (InputStream in =
                new GZIPInputStream(Files.newInputStream(dir.resolve("samples.csv.gz")))) {
            Files.copy(in, samples, StandardCopyOption.REPLACE_EXISTING);
        }
        emulated = new ArrayList<>();
        SampleLog.read(samples, emulated::add);
        Files.delete(samples);
        emulatedInstances = InstanceLog.read(dir.resolve("instances.csv"));
        calibration = Calibration.read(dir.resolve("calibration.properties"));
    }

    static TargetProfile spec(Target t) {
        Properties p = new Properties();
        p.setProperty("aws-lambda.reserved-concurrency", "2");
        p.setProperty("gcp-function.max-instances", "2");
        p.setProperty("container.max-instances", "1");
        return PlatformProfile.from(p).of(t);
    }

    /** The image set in the order the load plan sends it: by pixels, smallest first. */
    static List<String> images(TargetCalibration c) {
        return c.images().keySet().stream()
                .sorted(Comparator.comparingLong(EmulatorAgreementTest::pixels))
                .toList();
    }

    private static long pixels(String name) {
        String[] wh = name.substring(0, name.indexOf('-')).split("x");
        return Long.parseLong(wh[0]) * Long.parseLong(wh[1]);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void theSimulator_agreesWithTheEmulator_onTheSmallSpec(Target target) {
        TargetCalibration c = calibration.of(target);
        List<Sample> simulated = new ArrayList<>();
        Simulation.Outcome outcome =
                Simulation.run(
                        spec(target),
                        c,
                        new Workload.ClosedLoop("tone-json", images(c), 4, 0, 120 * SECOND),
                        Network.LOOPBACK,
                        1,
                        0,
                        simulated::add);
        RunFigures emu = RunFigures.of(target.id(), emulated, emulatedInstances);
        RunFigures sim = RunFigures.of(target.id(), simulated, outcome.instances());
        String table = table(target, emu, sim);
        System.out.print(table);

        assertEquals(emu.instancesStarted(), sim.instancesStarted(), table);
        assertTrue(within(emu.throttles(), sim.throttles(), 0.10), table);
        assertTrue(within(emu.steadyP50Micros(), sim.steadyP50Micros(), 0.15), table);
        assertTrue(within(emu.steadyP95Micros(), sim.steadyP95Micros(), 0.15), table);
        assertTrue(within(emu.billableMillis(), sim.billableMillis(), 0.15), table);
    }

    private static boolean within(long emulated, long simulated, double fraction) {
        return Math.abs(RunFigures.off(emulated, simulated)) <= fraction + 1e-12;
    }

    static String table(Target t, RunFigures emu, RunFigures sim) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: emulated vs simulated%n", t.id()));
        row(out, "requests", emu.samples(), sim.samples());
        row(out, "throttles", emu.throttles(), sim.throttles());
        row(out, "instances started", emu.instancesStarted(), sim.instancesStarted());
        row(out, "steady requests", emu.steadySamples(), sim.steadySamples());
        row(out, "steady round trip p50 (us)", emu.steadyP50Micros(), sim.steadyP50Micros());
        row(out, "steady round trip p95 (us)", emu.steadyP95Micros(), sim.steadyP95Micros());
        row(out, "billable time (ms)", emu.billableMillis(), sim.billableMillis());
        return out.toString();
    }

    private static void row(StringBuilder out, String name, long emu, long sim) {
        out.append(
                String.format(
                        Locale.ROOT,
                        "  %-28s %10d %10d  %+6.1f%%%n",
                        name,
                        emu,
                        sim,
                        100 * RunFigures.off(emu, sim)));
    }
}
