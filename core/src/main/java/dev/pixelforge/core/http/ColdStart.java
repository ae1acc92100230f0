package dev.pixelforge.core.http;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cold-start flag: true for the first request this process serves, false ever after. It lives
 * in a static field set when the class loads, not in a bean, so that no bean creation, warm-up or
 * health probe order can decide it; only {@link #claim()} on a served request flips it.
 */
final class ColdStart {

    private static final AtomicBoolean FIRST_REQUEST_PENDING = new AtomicBoolean(true);

    private ColdStart() {}

    /** True exactly once per process: for the caller that serves the first request. */
    static boolean claim() {
        return FIRST_REQUEST_PENDING.getAndSet(false);
    }
}
