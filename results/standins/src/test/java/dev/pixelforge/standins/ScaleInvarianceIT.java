package dev.pixelforge.standins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.sample.ServerTiming;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The scale model is scale-invariant: the same load per environment (one thread each, a CPU-bound
 * image) at reserved concurrency 2, which fits this machine (k = 1), and at 5, which does not (k
 * about 2.4, every quota divided by k), gives the same cloud-equivalent process time.
 *
 * <p>5 rather than the study's 10: at 10 (k 4.8, 0.12 vCPU each) ten JVMs' JIT warm-up starves in
 * its quota, a bias of its own (1.12x and 1.13x on a quiet machine, 1.49x on a loaded one); at 5
 * the same machine gave 0.99x, then 0.84x in a CI run, the k = 1 side being the one that moved.
 */
class ScaleInvarianceIT {

    /**
     * Enough that the medians are of steady state: at 6, with 2 left out, runs ranged 0.96x to
     * 1.56x.
     */
    private static final int REQUESTS_PER_THREAD = 20;

    private static final int LARGE = 5;
    private static byte[] image;

    @BeforeAll
    static void needsQuotasAndTheImage() throws Exception {
        image = StandIns.studyImageWhereCpuIsIsolated("1920x1080-jpeg");
    }

    @Test
    void cloudEquivalentProcessTime_isTheSameAtReservedConcurrency2And5() throws Exception {
        Measured small = measure(2);
        Measured large = measure(LARGE);
        String figures =
                String.format(
                        Locale.ROOT,
                        "app p50 at reserved concurrency 2: %.1f ms (k %.2f) -> %.1f ms"
                                + " cloud-equivalent; at %d: %.1f ms (k %.2f) -> %.1f ms"
                                + " cloud-equivalent; ratio %.3f",
                        small.p50Millis,
                        small.k,
                        small.cloud(),
                        LARGE,
                        large.p50Millis,
                        large.k,
                        large.cloud(),
                        large.cloud() / small.cloud());
        System.out.println(figures);
        assertEquals(1.0, small.k, figures);
        assertTrue(large.k > 1, figures);
        // The machine's own run-to-run noise sets the tolerance: the same k = 1 measurement gave
        // 86.0, 111.6 and
        // 129.5 ms within ten minutes on 2 Dec. Undilated, the ratio would be the oversubscription,
        // 2.41: far outside.
        assertEquals(1.0, large.cloud() / small.cloud(), 0.3, figures);
    }

    private record Measured(double p50Millis, double k) {
        double cloud() {
            return p50Millis / k;
        }
    }

    private static Measured measure(int environments) throws Exception {
        try (LocalCloud cloud =
                StandIns.startDilated(
                        StandInEvents.NONE,
                        Map.of(
                                "aws-lambda.reserved-concurrency",
                                Integer.toString(environments)))) {
            URI url = cloud.url(Target.AWS_LAMBDA);
            List<Double> app = Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newFixedThreadPool(environments);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < environments; t++) {
                    Callable<Void> thread =
                            () -> {
                                for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
                                    HttpResponse<String> response =
                                            StandIns.post(
                                                    url, "/tone?scale=sepia", "image/jpeg", image);
                                    assertEquals(200, response.statusCode(), response::body);
                                    if (r > 7) { // the cold one, and the warm ones while the JIT
                                        // catches up, are left out
                                        String timing =
                                                response.headers()
                                                        .firstValue("Server-Timing")
                                                        .orElseThrow();
                                        app.add(ServerTiming.parse(timing).get("app") / 1000.0);
                                    }
                                }
                                return null;
                            };
                    done.add(threads.submit(thread));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                threads.shutdownNow();
            }
            List<Double> sorted = new ArrayList<>(app);
            sorted.sort(Double::compare);
            return new Measured(
                    sorted.get(sorted.size() / 2), cloud.dilation().of(Target.AWS_LAMBDA));
        }
    }
}
