package dev.pixelforge.standins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.sample.ServerTiming;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An instance gets the CPU its platform gives it: the same CPU-bound request (the study's 7680x4320
 * or 3840x2160 JPEG to sepia, one at a time) takes twice the function's own time at half the share. Needs a
 * writable cgroup CPU controller (root on Linux); elsewhere it is skipped, and says why.
 *
 * <p>Cloud Run's shares compared are a quarter and half a vCPU, not half and one: on a shared
 * two-core machine a whole vCPU is often not free to give (other work takes part of a core), and
 * the ratio then measures the machine (1.37x once, where a quarter against a half gave 1.90x).
 */
class CpuShareIT {

    /** Requests left out first (the cold one and the JIT's warm-up, which competes for the same quota), then measured. */
    private static final int WARM_UP = 3;
    private static final int MEASURED = 5;
    private static byte[] fourK;
    private static byte[] eightK;

    @BeforeAll
    static void needsQuotasAndTheImage() throws Exception {
        fourK = StandIns.studyImageWhereCpuIsIsolated("3840x2160-jpeg");
        eightK = StandIns.studyImageWhereCpuIsIsolated("7680x4320-jpeg");
    }

    /**
     * Lambda stays at half and one vCPU: a quarter against a half (442 MB against 885 MB, 4K) gave
     * 1.37x on a loaded machine where Cloud Run's quarter and half gave 1.90x, for a reason not yet
     * found (the smaller environment's heap is a suspect); half and one gave 1.94x when the machine was quiet.
     */
    @Test
    void lambdaAt885Mb_takesTwiceTheTimeOf1769Mb() throws Exception {
        double[] medians = interleaved(Target.AWS_LAMBDA, Map.of("aws-lambda.memory-mb", "885"), Map.of("aws-lambda.memory-mb", "1769"), eightK);
        String measured = String.format(java.util.Locale.ROOT, "Lambda 8K sepia app p50: %.0f ms at 885 MB, %.0f ms at 1,769 MB: %.2fx",
                medians[0], medians[1], medians[0] / medians[1]);
        System.out.println(measured);
        assertEquals(2.0, medians[0] / medians[1], 0.3, measured);
    }

    @Test
    void cloudRunAtAQuarterVcpu_takesTwiceTheTimeOfHalf() throws Exception {
        // Below half a vCPU Cloud Run allows at most 512 MiB: both get it, so only the CPU differs.
        double[] medians = interleaved(Target.CONTAINER, Map.of("container.cpus", "0.25", "container.concurrency", "1", "container.memory-mb", "512"),
                Map.of("container.cpus", "0.5", "container.concurrency", "1", "container.memory-mb", "512"), fourK);
        String measured = String.format(java.util.Locale.ROOT, "Cloud Run 4K sepia app p50: %.0f ms at 0.25 vCPU, %.0f ms at 0.5 vCPU: %.2fx",
                medians[0], medians[1], medians[0] / medians[1]);
        System.out.println(measured);
        assertEquals(2.0, medians[0] / medians[1], 0.3, measured);
    }

    /**
     * The function's median own time (Server-Timing app) on two stand-ins at once, requests taking
     * turns, one at a time, so that the shared machine's drift weighs on both alike; the warm-up of
     * each is left out.
     */
    private static double[] interleaved(Target target, Map<String, String> half, Map<String, String> whole, byte[] image) throws Exception {
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        try (LocalCloud slow = StandIns.start(StandInEvents.NONE, half); LocalCloud fast = StandIns.start(StandInEvents.NONE, whole)) {
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
        return ServerTiming.parse(r.headers().firstValue("Server-Timing").orElseThrow()).get("app") / 1000.0;
    }
}
