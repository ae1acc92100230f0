package dev.pixelforge.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.core.image.ImageLimits;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.server.HttpServerConfiguration;

import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * The container's server buffers no body the function would refuse: Netty's request limits are the
 * function's body limit, by default and when the limit is set (PIXELFORGE_LIMITS_MAX_BODY_BYTES).
 */
class RequestSizeLimitTest {

    @Test
    void serverRequestLimits_areTheFunctionsBodyLimit() {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            HttpServerConfiguration server = ctx.getBean(HttpServerConfiguration.class);
            long limit = ctx.getBean(ImageLimits.class).maxBodyBytes();

            assertEquals(ImageLimits.DEFAULTS.maxBodyBytes(), limit);
            assertEquals(limit, server.getMaxRequestSize());
            assertEquals(limit, server.getMaxRequestBufferSize());
        }
    }

    @Test
    void settingTheBodyLimit_movesTheServersWithIt() {
        try (ApplicationContext ctx =
                ApplicationContext.run(Map.of("pixelforge.limits.max-body-bytes", "1000000"))) {
            HttpServerConfiguration server = ctx.getBean(HttpServerConfiguration.class);

            assertEquals(1_000_000, ctx.getBean(ImageLimits.class).maxBodyBytes());
            assertEquals(1_000_000, server.getMaxRequestSize());
            assertEquals(1_000_000, server.getMaxRequestBufferSize());
        }
    }
}
