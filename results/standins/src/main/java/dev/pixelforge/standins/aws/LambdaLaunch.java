package dev.pixelforge.standins.aws;

import dev.pixelforge.platform.profile.TargetProfile;
import dev.pixelforge.standins.process.CpuIsolation;
import dev.pixelforge.standins.process.JavaRuntime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * How an environment's JVM is started: as AWS's managed Java runtimes start it (the flags of their
 * bootstrap command line: serial GC, C1 only, class data sharing), AWS's runtime interface client
 * on the class path, the Lambda jar in LAMBDA_TASK_ROOT/lib, on {@code jdk} (one with the bundled
 * JPEG codec, as Lambda's Corretto has).
 */
public record LambdaLaunch(
        Path taskRoot,
        String runtimeClasspath,
        Path logDir,
        List<String> extraJvmOptions,
        CpuIsolation cpu,
        JavaRuntime jdk) {

    static final String HANDLER =
            "io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction";

    /** The runtime client's own switch for where its JNI library is: preinstalled, as on Lambda. */
    public static final String JNI_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    static final List<String> AWS_JAVA_RUNTIME_FLAGS =
            List.of(
                    "-XX:+UseSerialGC",
                    "-Xshare:auto",
                    "-XX:+TieredCompilation",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+ErrorFileToStderr");

    List<String> command(TargetProfile profile, int id) throws IOException {
        List<String> cmd = new ArrayList<>(profile.jvmOptions());
        cmd.addAll(AWS_JAVA_RUNTIME_FLAGS);
        cmd.addAll(extraJvmOptions);
        // Every execution environment has a /tmp of its own.
        Path tmp =
                Files.createDirectories(logDir.getParent().resolve("lambda-tmp/env" + id))
                        .toAbsolutePath();
        cmd.add("-Djava.io.tmpdir=" + tmp);
        cmd.addAll(
                List.of(
                        "-cp",
                        runtimeClasspath,
                        "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                        HANDLER));
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
                Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java25"),
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
                Map.entry("TZ", ":UTC"));
    }

    Path log(int id) {
        return logDir.resolve("aws-lambda-env" + id + ".log");
    }

    /**
     * The runtime client's JNI library, unpacked once. Left to itself, every environment unpacks it
     * to the same /tmp/.libaws-lambda-jni.so: harmless on Lambda, where each environment has its
     * own /tmp, but here environments starting together overwrite the file under each other
     * (SIGBUS).
     */
    public static Path unpackJni(Path runtimeClientJar, Path workDir) throws IOException {
        String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
        Path target = workDir.resolve("lambda-runtime-jni/libaws-lambda-jni.so").toAbsolutePath();
        Files.createDirectories(target.getParent());
        try (JarFile jar = new JarFile(runtimeClientJar.toFile())) {
            JarEntry entry = jar.getJarEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
            if (entry == null) {
                throw new IOException(runtimeClientJar + " has no JNI library for linux-" + arch);
            }
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    /** Puts the Lambda jar where the runtime looks for the function: LAMBDA_TASK_ROOT/lib. */
    public static Path prepareTaskRoot(Path lambdaJar, Path workDir) throws IOException {
        Path lib = workDir.resolve("lambda-task/lib");
        Files.createDirectories(lib);
        Files.copy(
                lambdaJar,
                lib.resolve(lambdaJar.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
        return lib.getParent()
                .toAbsolutePath(); // the runtime builds file: URLs from it: relative ones do not
        // resolve
    }
}
