package dev.pixelforge.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Cloud Run stand-in, one instance at most, in a process of its own ({@code pixelforge local}):
 * the client bench counts its own process's CPU, and the stand-in's front would otherwise be in it.
 */
final class ContainerStandIn implements AutoCloseable {

    private final Process process;
    private final URI url;
    private final String cpu;

    private ContainerStandIn(Process process, URI url, String cpu) {
        this.process = process;
        this.url = url;
        this.cpu = cpu;
    }

    /** Starts it and returns once it listens; its output goes to {@code log}. */
    static ContainerStandIn start(Path root, Path work, Path log)
            throws IOException, InterruptedException, TimeoutException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p =
                new ProcessBuilder(
                                List.of(
                                        java,
                                        "-cp",
                                        System.getProperty("java.class.path"),
                                        "dev.pixelforge.cli.PixelForgeCli",
                                        "local",
                                        "--root",
                                        root.toString(),
                                        "--work",
                                        work.toString(),
                                        "--ports",
                                        "0,0,0",
                                        "--page-port",
                                        "0",
                                        "--dilation",
                                        "1",
                                        "--set",
                                        "container.max-instances=1"))
                        .redirectErrorStream(true)
                        .start();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        CompletableFuture<String> cpu = new CompletableFuture<>();
        Thread reader = new Thread(() -> copy(p, log, listening, cpu), "container-stand-in-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ContainerStandIn(
                    p, listening.get(120, TimeUnit.SECONDS), cpu.getNow("CPU: see " + log));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            p.destroyForcibly();
            if (e instanceof TimeoutException t) {
                throw t;
            }
            throw new IllegalStateException(
                    "the container stand-in did not start: " + log,
                    e.getCause() == null ? e : e.getCause());
        }
    }

    /** Copies the stand-in's output to its log, noting its URL and CPU line as they pass. */
    private static void copy(
            Process p, Path log, CompletableFuture<URI> listening, CompletableFuture<String> cpu) {
        try (BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            URI url = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                String t = line.trim();
                String[] words = t.split("\\s+");
                if (words.length > 1
                        && words[0].equals("container")
                        && words[1].startsWith("http://")) {
                    url = URI.create(words[1]); // "container  http://127.0.0.1:PORT  Cloud Run
                    // ...", not its dilation line
                } else if (t.startsWith("CPU ") && !cpu.isDone()) {
                    cpu.complete(t);
                } else if (t.startsWith("try: curl") && url != null) {
                    listening.complete(url); // the last line it prints once everything listens
                }
            }
            listening.completeExceptionally(
                    new IOException(
                            "the stand-in exited (status " + p.waitFor() + ") before it listened"));
        } catch (IOException e) {
            listening.completeExceptionally(new UncheckedIOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listening.completeExceptionally(e);
        }
    }

    /**
     * Sends one request and waits for its answer: the instance starts on it (its cold start), so
     * the warm-up that follows measures no start-up. Returns how long it took, in words.
     */
    String firstAnswer(Path body) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<Void> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(url.resolve("/tone"))
                                        .timeout(Duration.ofSeconds(120))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofFile(body))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    "the stand-in's first answer was " + r.statusCode() + ", not 200");
        }
        return String.format(
                Locale.ROOT, "first answer in %.0f ms", (System.nanoTime() - start) / 1e6);
    }

    URI url() {
        return url;
    }

    /** The stand-in's own line on CPU isolation. */
    String cpu() {
        return cpu;
    }

    /** SIGTERM: its shutdown hook stops the instance; forcibly after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
