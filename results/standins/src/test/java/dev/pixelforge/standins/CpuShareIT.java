package dev.pixelforge.standins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.sample.ServerTiming;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An instance gets the CPU its platform gives it: the same CPU-bound request (the study's 7680x4320
 * JPEG to sepia, one at a time) takes twice the function's own time at half the share. Needs a
 * writable cgroup CPU controller (root on Linux); elsewhere it is skipped, and says why.
 *
 * <p>Half against one vCPU needs a whole core free: on a machine loaded by other work the ratio
 * measures the machine (1.37x and 1.54x on 2 Dec with other builds running; 1.92x to 2.12x for
 * Lambda's pair in three CI rehearsals with none). A quarter against a half was tried and moved
 * more (1.90x to 2.49x), so the pairs stay the platforms' half and whole vCPU.
 */
class CpuShareIT {

    /**
     * Requests left out first (the cold one and the JIT's warm-up, which competes for the same
     * quota), then measured. Six since Lambda shows 2 processors up to 3,008 MB: with 3, on 5 Dec,
     * the 1,769 MB environment's app p50 was 1,455 to 1,902 ms and the pair 1.35x to 1.44x, twice;
     * with 6, 1,337 ms and 1.97x (with 1 processor shown and 3, 1.85x).
     */
    private static final int WARM_UP = 6;

    private static final int MEASURED = 5;

    /**
     * The machine's spread, not the model's: on 2 Dec, in six CI rehearsals with no other build
     * running, Lambda's pair gave 1.92x to 2.35x and Cloud Run's 1.99x to 2.24x. Without quotas
     * both sides get a core or more (one request at a time), and the ratio is about 1.
     */
    private static final double TOLERANCE = 0.45;

    private static byte[] eightK;

    @BeforeAll
    static void needsQuotasAndTheImage() throws Exception {
        eightK = StandIns.studyImageWhereCpuIsIsolated("7680x4320-jpeg");
    }

    @Test
    void lambdaAt885Mb_takesTwiceTheTimeOf1769Mb() throws Exception {
        double[] medians =
                interleaved(
                        Target.AWS_LAMBDA,
                        Map.of("aws-lambda.memory-mb", "885"),
                        Map.of("aws-lambda.memory-mb", "1769"),
                        eightK);
        String measured =
                String.format(
                        Locale.ROOT,
                        "Lambda 8K sepia app p50: %.0f ms at 885 MB, %.0f ms at 1,769 MB: %.2fx",
                        medians[0],
                        medians[1],
                        medians[0] / medians[1]);
        System.out.println(measured);
        assertEquals(2.0, medians[0] / medians[1], TOLERANCE, measured);
    }

    @Test
    void cloudRunAtHalfAVcpu_takesTwiceTheTimeOfOne() throws Exception {
        double[] medians =
                interleaved(
                        Target.CONTAINER,
                        Map.of("container.cpus", "0.5", "container.concurrency", "1"),
                        Map.of("container.cpus", "1", "container.concurrency", "1"),
                        eightK);
        String measured =
                String.format(
                        Locale.ROOT,
                        "Cloud Run 8K sepia app p50: %.0f ms at 0.5 vCPU, %.0f ms at 1 vCPU: %.2fx",
                        medians[0],
                        medians[1],
                        medians[0] / medians[1]);
        System.out.println(measured);
        assertEquals(2.0, medians[0] / medians[1], TOLERANCE, measured);
    }

    /**
     * The function's median own time (Server-Timing app) on two stand-ins at once, requests taking
     * turns, one at a time, so that the shared machine's drift weighs on both alike; the warm-up of
     * each is left out.
     */
    private static double[] interleaved(
            Target target, Map<String, String> half, Map<String, String> whole, byte[] image)
            throws Exception {
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        try (LocalCloud slow = StandIns.start(StandInEvents.NONE, half);
                LocalCloud fast = StandIns.start(StandInEvents.NONE, whole)) {
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                double onSlow = appMillis(slow.url(target), image);
                double onFast = appMillis(fast.url(target), image);
                if (i >= WARM_UP) {
                    a.add(onSlow);
                    b.add(onFast);
                }
            }
        }
        a.sort(Double::compare);
        b.sort(Double::compare);
        return new double[] {a.get(a.size() / 2), b.get(b.size() / 2)};
    }

    private static double appMillis(URI url, byte[] image) throws Exception {
        HttpResponse<String> r = StandIns.post(url, "/tone?scale=sepia", "image/jpeg", image);
        assertEquals(200, r.statusCode(), r::body);
        return ServerTiming.parse(r.headers().firstValue("Server-Timing").orElseThrow()).get("app")
                / 1000.0;
    }
}
