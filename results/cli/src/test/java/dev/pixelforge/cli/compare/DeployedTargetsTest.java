package dev.pixelforge.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pixelforge.platform.Target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class DeployedTargetsTest {

    @TempDir Path dir;

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("targets.properties"), text);
    }

    @Test
    void read_givesEveryNamedTarget_inTheTargetsOrder() throws Exception {
        Path f =
                file(
                        "container=https://run.example/\n"
                                + "aws-lambda=https://api.example/prod/\n"
                                + "# a comment\n");
        assertEquals(
                Map.of(
                        Target.AWS_LAMBDA,
                        URI.create("https://api.example/prod/"),
                        Target.CONTAINER,
                        URI.create("https://run.example/")),
                DeployedTargets.read(f, List.of()).urls());
        assertEquals(
                List.of(Target.AWS_LAMBDA, Target.CONTAINER),
                List.copyOf(DeployedTargets.read(f, List.of()).urls().keySet()));
    }

    @Test
    void read_withChosenNames_keepsOnlyThose() throws Exception {
        Path f = file("aws-lambda=https://api.example/\ncontainer=https://run.example/\n");
        assertEquals(
                List.of(Target.CONTAINER),
                List.copyOf(DeployedTargets.read(f, List.of(Target.CONTAINER)).urls().keySet()));
    }

    @Test
    void read_aChosenTargetTheFileLacks_saysWhich() throws Exception {
        Path f = file("aws-lambda=https://api.example/\n");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DeployedTargets.read(f, List.of(Target.GCP_FUNCTION)));
        assertEquals(f + " has no gcp-function URL", e.getMessage());
    }

    @Test
    void read_aFileNamingNoTarget_saysWhatToWrite() throws Exception {
        Path f = file("lambda=https://api.example/\n");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> DeployedTargets.read(f, List.of()));
        assertEquals(
                f + " names no target: write lines such as aws-lambda=https://...", e.getMessage());
    }

    @Test
    void read_aMissingFile_saysWhoWritesIt() {
        Path f = dir.resolve("nope.properties");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> DeployedTargets.read(f, List.of()));
        assertEquals(
                "no targets file " + f + ": the deploy scripts write results/targets.properties",
                e.getMessage());
    }
}
