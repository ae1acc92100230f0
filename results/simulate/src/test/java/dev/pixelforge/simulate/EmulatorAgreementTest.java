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
 * The simulator against the emulator on one small spec, undilated: 4 threads for 120 s, each
 * pausing 100 ms before each request, against Lambda's reserved concurrency 2 (at 768 MB), Cloud
 * Functions' max instances 2 and Cloud Run's 1, the whole image set in turn. The emulator's side is
 * a recorded run (src/test/resources/agreement, with the commands that made it); the simulator is
 * calibrated by {@code ./pixelforge calibrate} from separate one-instance runs, as a user would
 * calibrate it. Both sides are fixed and the simulation is seeded, so a busy neighbour cannot flip
 * this test once its inputs are right.
 *
 * <p>The think time is what makes the comparison one of platforms: without it, a thread refused on
 * loopback sends again at once, and the count of refusals measures how fast two cores can refuse.
 * Lambda runs at 768 MB (0.434 vCPU) rather than 1,024 (0.579): two environments at 0.579 held both
 * cores often enough that the emulated front, behind them, answered refusals 2 to 16 ms slower than
 * when calibrated.
 *
 * <p>A quantile agrees when it is within 15%, or, where it falls in a gap of the emulated round
 * trips, within a few points of rank ({@link #quantileAgrees}). Lambda's needs that: its twelve
 * images' round trips (1 ms to 2 s at 0.434 vCPU) fall in clusters, and on this recording 377 of
 * the 754 emulated steady requests took at most 78 ms, the next 88 ms, and only three fall between
 * 73 and 96 ms: the p50 sits on the edge of that gap, and one request in a hundred moving between
 * two images' clusters moves it by 25%.
 *
 * <p>The recording of 6 Dec 2026 (calibration 03:09-03:18 UTC, the run 03:21-03:27, nothing else
 * running; load average 1.24, 1.50, 1.55 at the run's end), simulated against emulated, seeds 1 to
 * 6:
 *
 * <ul>
 *   <li>Lambda: requests +2.6 to +4.6%, throttles -3.2 to -0.4%, steady p50 -12.8 to -18.3% (the
 *       simulated p50 at the emulated p46.8 to p49.2), p95 +2.5 to +5.9%, billable +0.9 to +3.3%,
 *       instances 2 = 2.
 *   <li>Cloud Functions: requests +1.2 to +3.0%, p50 -3.8 to -5.3%, p95 -0.5 to -3.6%, billable
 *       +2.8 to +3.8%, instances 2 = 2.
 *   <li>Cloud Run: requests +5.2 to +6.3%, p50 -4.2 to -9.0%, p95 +4.3 to +6.5%, billable +8.7 to
 *       +10.4%, instances 1 = 1.
 * </ul>
 *
 * <p>Found on the way, with the figures of the recording before (6 Dec, 00:29-00:41): the
 * calibration's three 30 s rounds never saw an instance's JIT settle (Lambda's 8K image 1.36 to
 * 2.16 s there, 1.26 s after 50 s of the run; the smallest images' round trips 21-29 ms there,
 * 13-20 ms in the run), which made Lambda's p95 +15.5 to +21.8%: the calibration now has a long
 * first round ({@code Calibrator}). What is left, and weighs on the figures above: the emulator's
 * instances take about a minute to settle (process times against each image's settled median: the
 * container's 1.4x over its first minute, Cloud Functions' 1.3 to 1.4x over its first 15 s), which
 * the simulator's do not; and the container is simulated slower than emulated under concurrency
 * (its 8K image's process time p50 0.30 s simulated, 0.22 s emulated, over the second half of the
 * run), not yet explained (one candidate: the emulator's 1-vCPU quota on two cores lets the pixel
 * thread and the event loop run at once within a 100 ms period, where the simulator shares one vCPU
 * at every instant). Over each instance's second half of requests only, the container's p50 is +13
 * to +20% and its p95 +29 to +32%; over the whole steady state the two offset each other.
 *
 * <p>Two recordings of the same spec on a quiet machine differ too: the container's emulated p50
 * was 79 ms on 5 Dec and 65 ms and 78 ms on 6 Dec. A re-recording is checked against all six seeds
 * before it replaces this one.
 */
class EmulatorAgreementTest {

    private static final long SECOND = 1_000_000_000L;

    /** Each thread's pause before each request: 100 ms, as the recording's --think-time. */
    static final long THINK_NANOS = 100_000_000L;

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
        p.setProperty("aws-lambda.memory-mb", "768");
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
        assertAgreement(target);
    }

    private static void assertAgreement(Target target) {
        TargetCalibration c = calibration.of(target);
        List<Sample> simulated = new ArrayList<>();
        Simulation.Outcome outcome =
                Simulation.run(
                        spec(target),
                        c,
                        new Workload.ClosedLoop(
                                "tone-json", images(c), 4, 0, 120 * SECOND, THINK_NANOS),
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
        assertTrue(
                quantileAgrees(emu, emu.steadyP50Micros(), sim.steadyP50Micros(), 0.5, 0.05),
                table);
        assertTrue(
                quantileAgrees(emu, emu.steadyP95Micros(), sim.steadyP95Micros(), 0.95, 0.02),
                table);
        assertTrue(within(emu.billableMillis(), sim.billableMillis(), 0.15), table);
    }

    private static boolean within(long emulated, long simulated, double fraction) {
        return Math.abs(RunFigures.off(emulated, simulated)) <= fraction + 1e-12;
    }

    /**
     * The simulated quantile {@code q} within 15% of the emulated one, or, where the emulated round
     * trips have a gap there (between two images' clusters, where a 15% bar asks the mix to agree
     * to the request), at most {@code points} of rank away from it among the emulated round trips.
     */
    static boolean quantileAgrees(
            RunFigures emu, long emulated, long simulated, double q, double points) {
        return within(emulated, simulated, 0.15)
                || Math.abs(emu.rankOf(simulated) - q) <= points + 1e-12;
    }

    static String table(Target t, RunFigures emu, RunFigures sim) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: emulated vs simulated%n", t.id()));
        row(out, "requests", emu.samples(), sim.samples());
        row(out, "throttles", emu.throttles(), sim.throttles());
        row(out, "instances started", emu.instancesStarted(), sim.instancesStarted());
        row(out, "steady requests", emu.steadySamples(), sim.steadySamples());
        row(out, "steady round trip p50 (us)", emu.steadyP50Micros(), sim.steadyP50Micros());
        rank(out, "  its rank among emulated", emu.rankOf(sim.steadyP50Micros()));
        row(out, "steady round trip p95 (us)", emu.steadyP95Micros(), sim.steadyP95Micros());
        rank(out, "  its rank among emulated", emu.rankOf(sim.steadyP95Micros()));
        row(out, "billable time (ms)", emu.billableMillis(), sim.billableMillis());
        return out.toString();
    }

    private static void rank(StringBuilder out, String name, double rank) {
        out.append(String.format(Locale.ROOT, "  %-28s %21s  p%.1f%n", name, "", 100 * rank));
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
