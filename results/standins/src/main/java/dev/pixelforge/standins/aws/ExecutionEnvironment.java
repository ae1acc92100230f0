package dev.pixelforge.standins.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.pixelforge.platform.profile.TargetProfile;
import dev.pixelforge.standins.http.LoopbackServer;
import dev.pixelforge.standins.process.ChildJvm;
import dev.pixelforge.standins.process.CpuGroup;
import dev.pixelforge.standins.scheduling.JvmInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Lambda execution environment: a JVM running AWS's own runtime interface client with the
 * Lambda jar, and the Lambda Runtime API (2018-06-01) it polls, served on its own loopback port. It
 * holds at most one invocation at a time: a second is refused, never interleaved.
 */
public final class ExecutionEnvironment implements JvmInstance {

    private static final String API = "/2018-06-01/runtime";
    private static final String FUNCTION_ARN =
            "arn:aws:lambda:us-east-1:000000000000:function:pixelforge";

    private final int id;
    private final HttpServer runtimeApi;
    private final LinkedBlockingQueue<Invocation> pending = new LinkedBlockingQueue<>(1);
    private final AtomicReference<Invocation> running = new AtomicReference<>();
    private final CompletableFuture<Double> ready = new CompletableFuture<>();
    private volatile long handedOutNanos;
    private final ChildJvm jvm;

    private ExecutionEnvironment(int id, LambdaLaunch launch, TargetProfile profile)
            throws IOException {
        this.id = id;
        this.runtimeApi = LoopbackServer.start(0, "runtime-api-" + id, this::route);
        String address = "127.0.0.1:" + runtimeApi.getAddress().getPort();
        // The runtime loads the function from its working directory (and lib/ in it), as /var/task
        // is on Lambda.
        this.jvm =
                ChildJvm.start(
                        launch.jdk(),
                        launch.command(profile, id),
                        launch.environment(profile, address, id),
                        launch.log(id),
                        launch.taskRoot(),
                        unthrottledInit(
                                launch.cpu().group("aws-lambda-" + id, profile.cpus()), profile));
        jvm.exited().thenRun(this::died);
    }

    /**
     * Its share whenever it runs, however busy this machine is with other work (a quota alone is
     * only a ceiling); and during INIT, before its JVM's first instruction, all the processors it
     * is shown: Lambda holds an environment to its memory share from the first invocation on.
     */
    private static CpuGroup unthrottledInit(CpuGroup group, TargetProfile profile) {
        group.guarantee();
        group.startup(profile.startupVcpus());
        return group;
    }

    static ExecutionEnvironment start(int id, LambdaLaunch launch, TargetProfile profile)
            throws IOException {
        return new ExecutionEnvironment(id, launch, profile);
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(API + "/invocation/next") && exchange.getRequestMethod().equals("GET")) {
            next(exchange);
        } else if (path.startsWith(API + "/invocation/")
                && exchange.getRequestMethod().equals("POST")) {
            result(exchange);
        } else if (path.equals(API + "/init/error") && exchange.getRequestMethod().equals("POST")) {
            initError(exchange);
        } else {
            LoopbackServer.send(
                    exchange,
                    404,
                    json(
                            "NotFound",
                            "the Runtime API has no " + exchange.getRequestMethod() + " " + path));
        }
    }

    int id() {
        return id;
    }

    @Override
    public ChildJvm jvm() {
        return jvm;
    }

    /**
     * Completes with the Init Duration (spawn to the runtime's first /next) in ms, or fails if init
     * failed.
     */
    @Override
    public CompletableFuture<Double> ready() {
        return ready;
    }

    boolean isAlive() {
        return jvm.isAlive() && !ready.isCompletedExceptionally();
    }

    /** Lambda thaws the environment to hand it an event, from the first one on at its share. */
    @Override
    public void busy() {
        jvm.cpu().endStartup();
        jvm.cpu().resume();
    }

    /**
     * Lambda freezes the environment once its runtime has answered and waits for the next event.
     */
    @Override
    public void idle() {
        jvm.cpu().freeze();
    }

    /**
     * Hands the invocation to the runtime's next /next. Throws if one is already pending or
     * running.
     */
    void invoke(Invocation invocation) {
        if (running.get() != null || !pending.offer(invocation)) {
            throw new IllegalStateException(
                    "environment " + id + " is busy: an environment runs one invocation at a time");
        }
    }

    // GET /next: long-poll until an invocation is handed over (Lambda's own contract).
    private void next(HttpExchange exchange) throws IOException {
        ready.complete((System.nanoTime() - jvm.spawnNanos()) / 1e6);
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException stopping) {
            exchange.close();
            Thread.currentThread().interrupt();
            return;
        }
        running.set(invocation);
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        exchange.getResponseHeaders()
                .add("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMs()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        exchange.getResponseHeaders()
                .add(
                        "Lambda-Runtime-Trace-Id",
                        "Root=1-00000000-"
                                + invocation.requestId().replace("-", "").substring(0, 24)
                                + ";Sampled=0");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        handedOutNanos = System.nanoTime();
        LoopbackServer.send(exchange, 200, invocation.event());
    }

    // POST /invocation/{id}/response or /invocation/{id}/error
    private void result(HttpExchange exchange) throws IOException {
        String[] parts =
                exchange.getRequestURI()
                        .getPath()
                        .substring((API + "/invocation/").length())
                        .split("/");
        byte[] body = exchange.getRequestBody().readAllBytes();
        Invocation current = running.get();
        if (parts.length != 2 || current == null || !current.requestId().equals(parts[0])) {
            LoopbackServer.send(
                    exchange,
                    400,
                    json(
                            "InvalidRequestID",
                            "no invocation " + parts[0] + " is running in this environment"));
            return;
        }
        long duration = System.nanoTime() - handedOutNanos;
        running.set(null);
        LoopbackServer.send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
        if (parts[1].equals("response")) {
            current.outcome().complete(new Invocation.Response(body, duration));
        } else {
            String type =
                    exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            current.outcome()
                    .complete(
                            new Invocation.FunctionError(
                                    type == null ? "Unhandled" : type,
                                    new String(body, StandardCharsets.UTF_8),
                                    duration));
        }
    }

    // POST /init/error: the handler could not be constructed; the environment is unusable.
    private void initError(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        LoopbackServer.send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
        ready.completeExceptionally(new IllegalStateException("Lambda init failed: " + body));
        failPending("Runtime.InitError", body);
    }

    private void died() {
        ready.completeExceptionally(
                new IllegalStateException(
                        "the environment's JVM exited during init; see " + jvm.log()));
        failPending("Runtime.ExitError", "the execution environment's JVM exited");
    }

    private void failPending(String type, String body) {
        List<Invocation> orphans = new ArrayList<>();
        pending.drainTo(orphans);
        Invocation current = running.getAndSet(null);
        if (current != null) {
            orphans.add(current);
        }
        long duration = handedOutNanos == 0 ? 0 : System.nanoTime() - handedOutNanos;
        for (Invocation o : orphans) {
            o.outcome().complete(new Invocation.FunctionError(type, body, duration));
        }
    }

    @Override
    public void stop() {
        jvm.close();
        LoopbackServer.stop(runtimeApi); // interrupts a /next still waiting for an invocation
    }

    private static byte[] json(String type, String message) {
        // The message can carry a request id from the URL: keep it from breaking the JSON.
        String safe = message.replace("\\", "\\\\").replace("\"", "\\\"");
        return ("{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + safe + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
