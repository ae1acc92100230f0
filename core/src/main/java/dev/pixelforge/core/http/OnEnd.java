package dev.pixelforge.core.http;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A publisher that runs {@code end} once when its source ends however it ends: completed, failed,
 * or cancelled by its subscriber (the server, when a client goes away).
 */
final class OnEnd<T> implements Publisher<T> {

    private final Publisher<T> source;
    private final Runnable end;

    OnEnd(Publisher<T> source, Runnable end) {
        this.source = source;
        this.end = end;
    }

    @Override
    public void subscribe(Subscriber<? super T> downstream) {
        AtomicBoolean ended = new AtomicBoolean();
        Runnable once =
                () -> {
                    if (ended.compareAndSet(false, true)) {
                        end.run();
                    }
                };
        source.subscribe(
                new Subscriber<T>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        downstream.onSubscribe(
                                new Subscription() {
                                    @Override
                                    public void request(long n) {
                                        s.request(n);
                                    }

                                    @Override
                                    public void cancel() {
                                        try {
                                            s.cancel();
                                        } finally {
                                            once.run();
                                        }
                                    }
                                });
                    }

                    @Override
                    public void onNext(T item) {
                        downstream.onNext(item);
                    }

                    @Override
                    public void onError(Throwable t) {
                        once.run();
                        downstream.onError(t);
                    }

                    @Override
                    public void onComplete() {
                        once.run();
                        downstream.onComplete();
                    }
                });
    }
}
