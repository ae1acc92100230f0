package dev.pixelforge.core.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Locale;
import java.util.Optional;
import dev.pixelforge.core.image.PhaseTimings;

/**
 * Stamps every response, errors and CORS preflights included, with the process time and who served
 * it. It runs before every other filter, so {@code app} covers routing, binding and error mapping.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class TimingFilter implements Ordered {

    public static final String TARGET = "X-PixelForge-Target";
    public static final String INSTANCE = "X-PixelForge-Instance";
    public static final String COLD = "X-PixelForge-Cold";
    public static final String SERVER_TIMING = "Server-Timing";

    /** What a page on another origin may read: every header above. */
    static final String EXPOSED = String.join(", ", SERVER_TIMING, TARGET, INSTANCE, COLD);

    private static final String START_NANOS = "pixelforge.start-nanos";
    private static final String PHASES = "pixelforge.phases";
    private static final String COLD_REQUEST = "pixelforge.cold";

    private final InstanceInfo instance;

    public TimingFilter(InstanceInfo instance) {
        this.instance = instance;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        request.setAttribute(START_NANOS, System.nanoTime());
        request.setAttribute(COLD_REQUEST, ColdStart.claim());
    }

    @ResponseFilter
    public void stamp(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long end = System.nanoTime();
        long appNanos = request.getAttribute(START_NANOS, Long.class).map(start -> end - start).orElse(0L);
        response.header(SERVER_TIMING, serverTiming(request.getAttribute(PHASES, PhaseTimings.class), appNanos));
        response.header(TARGET, instance.target());
        response.header(INSTANCE, instance.instanceId());
        response.header(COLD, Boolean.toString(isCold(request)));
        response.header("Timing-Allow-Origin", "*");
        response.header("Access-Control-Expose-Headers", EXPOSED);
    }

    /** Lets the controller hand its kernel phases to the filter without a shared mutable bean. */
    static void recordPhases(HttpRequest<?> request, PhaseTimings phases) {
        request.setAttribute(PHASES, phases);
    }

    /** Whether this request is the first the process serves. */
    static boolean isCold(HttpRequest<?> request) {
        return request.getAttribute(COLD_REQUEST, Boolean.class).orElse(false);
    }

    static String serverTiming(Optional<PhaseTimings> phases, long appNanos) {
        StringBuilder header = new StringBuilder();
        phases.ifPresent(p -> {
            if (p.decodeNanos() > 0) {
                header.append(metric("decode", p.decodeNanos())).append(", ");
            }
            header.append(metric(p.workName(), p.workNanos())).append(", ");
            header.append(metric("encode", p.encodeNanos())).append(", ");
        });
        return header.append(metric("app", appNanos)).toString();
    }

    private static String metric(String name, long nanos) {
        return String.format(Locale.ROOT, "%s;dur=%.3f", name, nanos / 1e6);
    }
}
