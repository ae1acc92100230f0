package dev.pixelforge.results.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Lambda execution environment: a JVM running AWS's own runtime interface client with the
 * Lambda jar, and the Lambda Runtime API (2018-06-01) it polls, served on its own loopback port.
 * It holds at most one invocation at a time: a second is refused, never interleaved.
 */
final class ExecutionEnvironment implements AutoCloseable {

    static final String HANDLER = "io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction";
    private static final String API = "/2018-06-01/runtime";
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:pixelforge";

    private final int id;
    private final HttpServer runtimeApi;
    private final LinkedBlockingQueue<Invocation> pending = new LinkedBlockingQueue<>(1);
    private final AtomicReference<Invocation> running = new AtomicReference<>();
    private final CompletableFuture<Double> ready = new CompletableFuture<>();
    private volatile long handedOutNanos;
    private final ChildJvm jvm;
    private long served;

    private ExecutionEnvironment(int id, LambdaLaunch launch, TargetProfile profile) throws IOException {
        this.id = id;
        this.runtimeApi = LoopbackServer.start(0, "runtime-api-" + id, this::route);
        String address = "127.0.0.1:" + runtimeApi.getAddress().getPort();
        // The runtime loads the function from its working directory (and lib/ in it), as /var/task is on Lambda.
        this.jvm = ChildJvm.start(launch.command(profile, id), launch.environment(profile, address, id), launch.log(id), launch.taskRoot());
        ProcessHandle.of(jvm.pid()).ifPresent(p -> p.onExit().thenRun(this::died));
    }

    static ExecutionEnvironment start(int id, LambdaLaunch launch, TargetProfile profile) throws IOException {
        return new ExecutionEnvironment(id, launch, profile);
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(API + "/invocation/next") && exchange.getRequestMethod().equals("GET")) {
            next(exchange);
        } else if (path.startsWith(API + "/invocation/") && exchange.getRequestMethod().equals("POST")) {
            result(exchange);
        } else if (path.equals(API + "/init/error") && exchange.getRequestMethod().equals("POST")) {
            initError(exchange);
        } else {
            LoopbackServer.send(exchange, 404, json("NotFound", "the Runtime API has no " + exchange.getRequestMethod() + " " + path));
        }
    }

    int id() {
        return id;
    }

    long pid() {
        return jvm.pid();
    }

    /** Completes with the Init Duration (spawn to the runtime's first /next) in ms, or fails if init failed. */
    CompletableFuture<Double> ready() {
        return ready;
    }

    boolean isAlive() {
        return jvm.isAlive() && !ready.isCompletedExceptionally();
    }

    long served() {
        return served;
    }

    ProcStats stats() {
        return jvm.stats();
    }

    /** Hands the invocation to the runtime's next /next. Throws if one is already pending or running. */
    void invoke(Invocation invocation) {
        if (running.get() != null || !pending.offer(invocation)) {
            throw new IllegalStateException("environment " + id + " is busy: an environment runs one invocation at a time");
        }
        served++;
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
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMs()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-" + invocation.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        handedOutNanos = System.nanoTime();
        LoopbackServer.send(exchange, 200, invocation.event());
    }

    // POST /invocation/{id}/response or /invocation/{id}/error
    private void result(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().substring((API + "/invocation/").length()).split("/");
        byte[] body = exchange.getRequestBody().readAllBytes();
        Invocation current = running.get();
        if (parts.length != 2 || current == null || !current.requestId().equals(parts[0])) {
            LoopbackServer.send(exchange, 400, json("InvalidRequestID", "no invocation " + parts[0] + " is running in this environment"));
            return;
        }
        long duration = System.nanoTime() - handedOutNanos;
        running.set(null);
        LoopbackServer.send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
        if (parts[1].equals("response")) {
            current.outcome().complete(new Invocation.Response(body, duration));
        } else {
            String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            current.outcome().complete(new Invocation.FunctionError(type == null ? "Unhandled" : type,
                    new String(body, StandardCharsets.UTF_8), duration));
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
        ready.completeExceptionally(new IllegalStateException("the environment's JVM exited during init; see " + jvm.log()));
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
    public void close() {
        jvm.close();
        LoopbackServer.stop(runtimeApi); // interrupts a /next still waiting for an invocation
    }

    private static byte[] json(String type, String message) {
        // The message can carry a request id from the URL: keep it from breaking the JSON.
        String safe = message.replace("\\", "\\\\").replace("\"", "\\\"");
        return ("{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + safe + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * How an environment's JVM is started: as AWS's managed Java runtimes start it (the flags of
     * their bootstrap command line: serial GC, C1 only, class data sharing), AWS's runtime interface
     * client on the class path, the Lambda jar in LAMBDA_TASK_ROOT/lib.
     */
    record LambdaLaunch(Path taskRoot, String runtimeClasspath, Path logDir, List<String> extraJvmOptions) {

        /** The runtime client's own switch for where its JNI library is: preinstalled, as on Lambda. */
        static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

        static final List<String> AWS_JAVA_RUNTIME_FLAGS = List.of("-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+ErrorFileToStderr");

        List<String> command(TargetProfile profile, int id) throws IOException {
            List<String> cmd = new ArrayList<>(profile.jvmOptions());
            cmd.addAll(AWS_JAVA_RUNTIME_FLAGS);
            cmd.addAll(extraJvmOptions);
            // Every execution environment has a /tmp of its own.
            Path tmp = Files.createDirectories(logDir.getParent().resolve("lambda-tmp/env" + id)).toAbsolutePath();
            cmd.add("-Djava.io.tmpdir=" + tmp);
            cmd.addAll(List.of("-cp", runtimeClasspath,
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER));
            return cmd;
        }

        Map<String, String> environment(TargetProfile profile, String runtimeApi, int id) {
            return Map.ofEntries(
                    Map.entry("AWS_LAMBDA_RUNTIME_API", runtimeApi),
                    Map.entry("_HANDLER", HANDLER),
                    Map.entry("LAMBDA_TASK_ROOT", taskRoot.toString()),
                    Map.entry("AWS_LAMBDA_FUNCTION_NAME", "pixelforge"),
                    Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                    Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(profile.memoryMb())),
                    Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/pixelforge"),
                    Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]env" + id),
                    Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
                    Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java21"),
                    Map.entry("AWS_REGION", "us-east-1"),
                    Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
                    Map.entry("TZ", ":UTC"));
        }

        Path log(int id) {
            return logDir.resolve("aws-lambda-env" + id + ".log");
        }

        /**
         * The runtime client's JNI library, unpacked once. Left to itself, every environment unpacks it
         * to the same /tmp/.libaws-lambda-jni.so: harmless on Lambda, where each environment has its own
         * /tmp, but here environments starting together overwrite the file under each other (SIGBUS).
         */
        static Path unpackJni(Path runtimeClientJar, Path workDir) throws IOException {
            String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
            Path target = workDir.resolve("lambda-runtime-jni/libaws-lambda-jni.so").toAbsolutePath();
            Files.createDirectories(target.getParent());
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(runtimeClientJar.toFile())) {
                java.util.jar.JarEntry entry = jar.getJarEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
                if (entry == null) {
                    throw new IOException(runtimeClientJar + " has no JNI library for linux-" + arch);
                }
                try (java.io.InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        }

        /** Puts the Lambda jar where the runtime looks for the function: LAMBDA_TASK_ROOT/lib. */
        static Path prepareTaskRoot(Path lambdaJar, Path workDir) throws IOException {
            Path lib = workDir.resolve("lambda-task/lib");
            Files.createDirectories(lib);
            Files.copy(lambdaJar, lib.resolve(lambdaJar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return lib.getParent().toAbsolutePath(); // the runtime builds file: URLs from it: relative ones do not resolve
        }
    }
}
