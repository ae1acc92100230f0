package dev.pixelforge.standins;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the build put what the stand-ins run: the three shaded deployables, Google's invoker, and
 * the jars of AWS's Java runtime (runtime interface client, serialisation, core).
 */
public record Deployables(
        Path lambdaJar,
        Path lambdaRuntimeDir,
        Path functionJar,
        Path invokerJar,
        Path containerJar) {

    /** The files {@code mvn package} writes under the repository root {@code root}. */
    public static Deployables under(Path repositoryRoot) {
        Path root =
                repositoryRoot
                        .toAbsolutePath()
                        .normalize(); // instances run in other working directories
        return new Deployables(
                root.resolve("aws-lambda/target/pixelforge-aws-lambda-all.jar"),
                root.resolve("results/standins/target/lambda-runtime"),
                root.resolve("gcp-function/target/pixelforge-gcp-function-all.jar"),
                root.resolve("gcp-function/target/invoker/java-function-invoker.jar"),
                root.resolve("container/target/pixelforge-container-all.jar"));
    }

    /** Fails with what to run when the build has not made something yet. */
    public Deployables check() {
        for (Path p : List.of(lambdaJar, lambdaRuntimeDir, functionJar, invokerJar, containerJar)) {
            if (!Files.exists(p)) {
                throw new IllegalStateException(
                        p
                                + " is missing: build first with `mvn -B package -DskipTests`"
                                + " (./pixelforge does it for you)");
            }
        }
        return this;
    }

    /** AWS's runtime interface client jar, among the runtime jars. */
    public Path lambdaRuntimeClientJar() throws IOException {
        try (Stream<Path> jars = Files.list(lambdaRuntimeDir)) {
            return jars.filter(
                            p ->
                                    p.getFileName()
                                            .toString()
                                            .startsWith("aws-lambda-java-runtime-interface-client"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "no runtime interface client in " + lambdaRuntimeDir));
        }
    }

    /** The class path AWS's Java runtime starts with: its own jars, not the function's. */
    public String lambdaRuntimeClasspath() throws IOException {
        try (Stream<Path> jars = Files.list(lambdaRuntimeDir)) {
            return jars.filter(p -> p.toString().endsWith(".jar"))
                    .sorted()
                    .map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }
}
