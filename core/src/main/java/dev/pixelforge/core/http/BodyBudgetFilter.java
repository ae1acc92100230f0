package dev.pixelforge.core.http;

import dev.pixelforge.core.image.ImageFunction;
import dev.pixelforge.core.image.ImageRejected;
import dev.pixelforge.core.image.PixelBudget;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;

import org.reactivestreams.Publisher;

import java.util.Optional;

/**
 * Takes a request's body from the instance's memory budget (the pixels' budget) by its declared
 * length, before the controller sees it: a body over {@code maxBodyBytes} is refused (413), one the
 * budget cannot hold now gets 503 with Retry-After, so that bodies held by requests in flight count
 * with the pixels being worked on. The bytes go back to the budget when the request ends however it
 * ends (answered, failed, or its client gone). A body of no declared length (chunked) is counted by
 * the controller once it has it.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class BodyBudgetFilter implements HttpServerFilter {

    private static final String LEASE = "pixelforge.body-lease";

    private final ImageFunction function;
    private final ImageRejectedHandler refusals;

    BodyBudgetFilter(ImageFunction function, ImageRejectedHandler refusals) {
        this.function = function;
        this.refusals = refusals;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after(); // inside TimingFilter: refusals are stamped too
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(
            HttpRequest<?> request, ServerFilterChain chain) {
        long length = request.getContentLength();
        if (length <= 0) {
            return chain.proceed(request);
        }
        PixelBudget.Lease lease;
        try {
            lease = function.admitBody(length);
        } catch (ImageRejected refused) {
            return Publishers.just((MutableHttpResponse<?>) refusals.handle(request, refused));
        }
        request.setAttribute(LEASE, lease);
        return new OnEnd<>(chain.proceed(request), lease::close);
    }

    /** The lease this filter took for the request's body, if it declared its length. */
    static Optional<PixelBudget.Lease> lease(HttpRequest<?> request) {
        return request.getAttribute(LEASE, PixelBudget.Lease.class);
    }
}
