package dev.pixelforge.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pixelforge.load.jmeter.Credential;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.run.RunManifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    private static final Map<String, String> NO_ENV = Map.of();

    private Path secrets(String text, String mode) throws Exception {
        Path f = Files.writeString(dir.resolve("targets.properties.secrets"), text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void read_aFileWithoutAccessLines_isPublic_andSendsNothing() throws Exception {
        DeployedTargets t =
                DeployedTargets.read(file("aws-lambda=https://api.example/\n"), List.of(), NO_ENV);
        assertEquals(RunManifest.ACCESS_PUBLIC, t.access(Target.AWS_LAMBDA));
        assertNull(t.credential(Target.AWS_LAMBDA));
    }

    @Test
    void read_aPrivateTarget_takesItsKeyFromTheSecretsFile_orTheEnvironmentFirst()
            throws Exception {
        Path f =
                file(
                        "aws-lambda=https://api.example/\naws-lambda.access=private\n"
                                + "container=https://run.example/\ncontainer.access=private\n");
        secrets(
                "aws-lambda.api-key=fromTheFile0000000000\ncontainer.id-token=eyJ.file.sig\n",
                "rw-------");

        DeployedTargets fromFile = DeployedTargets.read(f, List.of(), NO_ENV);
        assertEquals(RunManifest.ACCESS_PRIVATE, fromFile.access(Target.AWS_LAMBDA));
        assertEquals(
                Credential.apiKey("aws-lambda.api-key", "fromTheFile0000000000"),
                fromFile.credential(Target.AWS_LAMBDA));
        assertEquals(
                Credential.bearer("container.id-token", "eyJ.file.sig"),
                fromFile.credential(Target.CONTAINER));

        DeployedTargets fromEnv =
                DeployedTargets.read(
                        f,
                        List.of(),
                        Map.of(
                                "PIXELFORGE_AWS_API_KEY", "fromTheEnvironment000",
                                "PIXELFORGE_GCP_ID_TOKEN", "eyJ.env.sig"));
        assertEquals("fromTheEnvironment000", fromEnv.credential(Target.AWS_LAMBDA).value());
        assertEquals("eyJ.env.sig", fromEnv.credential(Target.CONTAINER).value());
    }

    @Test
    void read_aPrivateTargetWithNoKey_saysWhereToPutIt() throws Exception {
        Path f = file("aws-lambda=https://api.example/\naws-lambda.access=private\n");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DeployedTargets.read(f, List.of(), NO_ENV));
        assertEquals(
                "aws-lambda is private (the targets file says aws-lambda.access=private): set"
                        + " PIXELFORGE_AWS_API_KEY, or run aws-lambda/deploy/deploy.sh url, which"
                        + " writes the key to "
                        + f
                        + ".secrets",
                e.getMessage());
    }

    @Test
    void read_aSecretsFileOthersCanRead_isRefused() throws Exception {
        Path f = file("aws-lambda=https://api.example/\naws-lambda.access=private\n");
        Path s = secrets("aws-lambda.api-key=fromTheFile0000000000\n", "rw-r--r--");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DeployedTargets.read(f, List.of(), NO_ENV));
        assertEquals(s + " can be read or written by others: chmod 600 " + s, e.getMessage());
    }

    @Test
    void read_anAccessThatIsNeitherPrivateNorPublic_isRefused() throws Exception {
        Path f = file("aws-lambda=https://api.example/\naws-lambda.access=secret\n");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DeployedTargets.read(f, List.of(), NO_ENV));
        assertEquals(f + ": aws-lambda.access=secret must be private or public", e.getMessage());
    }
}
