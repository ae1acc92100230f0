package dev.pixelforge.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pixelforge.core.image.FractalNoiseGenerator;
import dev.pixelforge.core.image.ImageFunction;
import dev.pixelforge.core.image.ImageLimits;
import dev.pixelforge.core.image.PixelBudget;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.filter.ServerFilterChain;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * Bodies held by requests in flight take the pixels' budget (8 bytes a pixel) from the moment the
 * request arrives, by their declared length, and give it back when the request ends, however it
 * ends.
 */
class BodyBudgetFilterTest {

    /** A budget of 1 Mpx: 8 MiB of bodies. */
    private final PixelBudget budget = new PixelBudget(1 << 20, 0);

    private final BodyBudgetFilter filter =
            new BodyBudgetFilter(
                    new ImageFunction(ImageLimits.DEFAULTS, new FractalNoiseGenerator(), budget),
                    new ImageRejectedHandler());

    /** The server's side of a request still being worked on: it answers when told to. */
    private static final class Pending implements Publisher<MutableHttpResponse<?>> {
        Subscriber<? super MutableHttpResponse<?>> downstream;

        @Override
        public void subscribe(Subscriber<? super MutableHttpResponse<?>> s) {
            downstream = s;
            s.onSubscribe(
                    new Subscription() {
                        @Override
                        public void request(long n) {}

                        @Override
                        public void cancel() {}
                    });
        }

        void answer() {
            downstream.onNext(HttpResponse.ok());
            downstream.onComplete();
        }
    }

    /** What a subscriber got, and its subscription, to cancel. */
    private static final class Got implements Subscriber<MutableHttpResponse<?>> {
        final List<MutableHttpResponse<?>> responses = new ArrayList<>();
        Subscription subscription;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(MutableHttpResponse<?> r) {
            responses.add(r);
        }

        @Override
        public void onError(Throwable t) {
            throw new AssertionError(t);
        }

        @Override
        public void onComplete() {}
    }

    private static MutableHttpRequest<?> post(long contentLength) {
        return HttpRequest.POST("/tone", new byte[0])
                .header(HttpHeaders.CONTENT_LENGTH, Long.toString(contentLength));
    }

    private Got send(HttpRequest<?> request, Publisher<MutableHttpResponse<?>> server) {
        ServerFilterChain chain = r -> server;
        Got got = new Got();
        filter.doFilter(request, chain).subscribe(got);
        return got;
    }

    @Test
    void bodiesInFlight_fillTheBudget_theNextIsRefusedBusy_untilOneIsAnswered() {
        Pending first = new Pending();
        send(post(6L << 20), first); // 6 MiB of the 8

        Got refused = send(post(3L << 20), new Pending());

        MutableHttpResponse<?> busy = refused.responses.get(0);
        assertEquals(503, busy.code());
        assertEquals("1", busy.getHeaders().get(HttpHeaders.RETRY_AFTER));
        assertEquals("busy", ((ApiError) busy.getBody().orElseThrow()).error());

        first.answer();
        Pending third = new Pending();
        send(post(3L << 20), third);
        third.answer();
        budget.acquire(1 << 20, 0).close(); // every byte back once both are answered
    }

    @Test
    void aRequestWhoseClientWentAway_givesItsBodyBack() {
        Got gone = send(post(8L << 20), new Pending());

        gone.subscription.cancel();

        budget.acquire(1 << 20, 0).close();
    }

    @Test
    void aBodyDeclaredOverTheLimit_isRefused413_beforeAnyByteIsHeld() {
        Got refused = send(post(ImageLimits.DEFAULTS.maxBodyBytes() + 1), new Pending());

        MutableHttpResponse<?> tooLarge = refused.responses.get(0);
        assertEquals(413, tooLarge.code());
        assertEquals("body_too_large", ((ApiError) tooLarge.getBody().orElseThrow()).error());
        budget.acquire(1 << 20, 0).close();
    }

    @Test
    void theControllerSeesTheBodysLease_andTheImagesPixelsFitBesideIt() {
        MutableHttpRequest<?> request = post(4L << 20);
        Pending server = new Pending();
        send(request, server);
        PixelBudget.Lease body = BodyBudgetFilter.lease(request).orElseThrow();

        // An image larger than what is left runs only alone: with its own body, it may.
        try (PixelBudget.Lease pixels = budget.acquire(40_000_000, 0, 0, body)) {
            assertEquals(40_000_000, pixels.pixels());
        }
        server.answer();
        assertFalse(BodyBudgetFilter.lease(post(1)).isPresent());
    }
}
