package dev.pixelforge.cli.compare;

import dev.pixelforge.load.jmeter.Credential;
import dev.pixelforge.platform.Target;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Where a private deployed target's credential comes from: the environment first ({@code
 * PIXELFORGE_AWS_API_KEY}, {@code PIXELFORGE_GCP_ID_TOKEN}), then the targets file's companion
 * secrets file ({@code <targets file>.secrets}, or {@code PIXELFORGE_SECRETS}), where the deploy
 * scripts' {@code url} action writes it, mode 0600. The value goes into the load client's memory
 * and nowhere else.
 */
final class TargetCredentials {

    static final String SECRETS_VARIABLE = "PIXELFORGE_SECRETS";

    private final Path secretsFile;
    private final Map<String, String> env;
    private Properties secrets;

    TargetCredentials(Path targetsFile, Map<String, String> env) {
        this.env = env;
        String given = env.get(SECRETS_VARIABLE);
        this.secretsFile =
                given == null || given.isBlank()
                        ? targetsFile.resolveSibling(targetsFile.getFileName() + ".secrets")
                        : Path.of(given);
    }

    /** The environment variable that holds {@code target}'s credential. */
    static String variable(Target target) {
        return target == Target.AWS_LAMBDA ? "PIXELFORGE_AWS_API_KEY" : "PIXELFORGE_GCP_ID_TOKEN";
    }

    /** The secrets file's key for {@code target}'s credential. */
    static String secret(Target target) {
        return target == Target.AWS_LAMBDA ? "aws-lambda.api-key" : target.id() + ".id-token";
    }

    /** {@code target}'s credential, or a clear error saying where to put it. */
    Credential of(Target target) throws IOException {
        String value = env.get(variable(target));
        if (value == null || value.isBlank()) {
            value = secrets().getProperty(secret(target));
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    target.id()
                            + " is private (the targets file says "
                            + target.id()
                            + ".access=private): set "
                            + variable(target)
                            + (target == Target.AWS_LAMBDA
                                    ? ", or run aws-lambda/deploy/deploy.sh url, which writes the"
                                            + " key to "
                                    : " (gcloud auth print-identity-token), or write "
                                            + secret(target)
                                            + "=<token> to ")
                            + secretsFile);
        }
        value = value.trim();
        return target == Target.AWS_LAMBDA
                ? Credential.apiKey(secret(target), value)
                : Credential.bearer(secret(target), value);
    }

    private Properties secrets() throws IOException {
        if (secrets == null) {
            secrets = new Properties();
            if (Files.exists(secretsFile)) {
                refuseShared(secretsFile);
                try (Reader in = Files.newBufferedReader(secretsFile)) {
                    secrets.load(in);
                }
            }
        }
        return secrets;
    }

    /** A credential others on the machine can read is not used, as ssh refuses such a key. */
    private static void refuseShared(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return;
        }
        for (PosixFilePermission p :
                Set.of(
                        PosixFilePermission.GROUP_READ,
                        PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.GROUP_WRITE,
                        PosixFilePermission.OTHERS_WRITE)) {
            if (permissions.contains(p)) {
                throw new IllegalArgumentException(
                        file + " can be read or written by others: chmod 600 " + file);
            }
        }
    }
}
