package dev.pixelforge.core.http;

import dev.pixelforge.core.image.PhaseTimings;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.Optional;

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
        long appNanos =
                request.getAttribute(START_NANOS, Long.class).map(start -> end - start).orElse(0L);
        response.header(
                SERVER_TIMING,
                serverTiming(request.getAttribute(PHASES, PhaseTimings.class), appNanos));
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

    /** When the request came in ({@link System#nanoTime}), if this filter saw it. */
    static Optional<Long> startNanos(HttpRequest<?> request) {
        return request.getAttribute(START_NANOS, Long.class);
    }

    /** Whether this request is the first the process serves. */
    static boolean isCold(HttpRequest<?> request) {
        return request.getAttribute(COLD_REQUEST, Boolean.class).orElse(false);
    }

    static String serverTiming(Optional<PhaseTimings> phases, long appNanos) {
        StringBuilder header = new StringBuilder(96);
        phases.ifPresent(
                p -> {
                    if (p.decodeNanos() > 0) {
                        metric(header, "decode", p.decodeNanos()).append(", ");
                    }
                    metric(header, p.workName(), p.workNanos()).append(", ");
                    metric(header, "encode", p.encodeNanos()).append(", ");
                });
        return metric(header, "app", appNanos).toString();
    }

    /**
     * {@code name;dur=ms} with three decimals, rounded half up as {@code %.3f} rounds: written by
     * hand because String.format parses its pattern and formats a double on every call, four times
     * a request, and showed among the JIT's late compilations under load (issue 16).
     */
    static StringBuilder metric(StringBuilder header, String name, long nanos) {
        long micros = (Math.max(0, nanos) + 500) / 1000;
        long frac = micros % 1000;
        header.append(name).append(";dur=").append(micros / 1000).append('.');
        if (frac < 100) {
            header.append('0');
        }
        if (frac < 10) {
            header.append('0');
        }
        return header.append(frac);
    }
}
