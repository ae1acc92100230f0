package dev.pixelforge.core.contract;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A target reached over loopback HTTP, for runtimes that serve HTTP themselves. */
public class HttpBackend implements Backend {

    private final String target;
    private final URI base;
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    private final AutoCloseable owned;

    public HttpBackend(String target, URI base) {
        this(target, base, () -> {});
    }

    private HttpBackend(String target, URI base, AutoCloseable owned) {
        this.target = target;
        this.base = base;
        this.owned = owned;
    }

    /** A target served by {@code jvm} on loopback; closing the backend stops the process. */
    public static HttpBackend of(String target, LaunchedJvm jvm) {
        return new HttpBackend(target, URI.create("http://127.0.0.1:" + jvm.port()), jvm);
    }

    @Override
    public void close() throws Exception {
        owned.close();
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public Reply send(Call call) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(call.pathAndQuery()))
                        .timeout(Duration.ofSeconds(60))
                        .method(
                                call.method(),
                                call.body().length == 0 && !"POST".equals(call.method())
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        for (Map.Entry<String, String> h : call.headers().entrySet()) {
            request.header(h.getKey(), h.getValue());
        }
        HttpResponse<byte[]> response =
                client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.headers().map(), response.body());
    }
}
