package dev.pixelforge.container;

import io.micronaut.runtime.Micronaut;

/**
 * The container target: Micronaut on Netty, listening on {@code $PORT} (8080 when unset), as Cloud
 * Run expects.
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
