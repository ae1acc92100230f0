package dev.pixelforge.cli.deploy;

import dev.pixelforge.core.testing.RepositoryRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deploy files, checked offline with the tools made for them: cfn-lint on the SAM template,
 * shellcheck on every script, and the bats suite that runs each script against stub cloud CLIs.
 */
class DeployFilesIT {

    private static final Path ROOT = RepositoryRoot.path();
    private static final List<String> SCRIPTS = List.of("pixelforge", ".ci/run", "results/deploy/common.sh",
            "aws-lambda/deploy/deploy.sh", "gcp-function/deploy/deploy.sh", "container/deploy/deploy.sh", "results/bench/http.sh",
            "results/bench/cold.sh");

    @Test
    void samTemplate_passesCfnLint() throws Exception {
        assertClean("cfn-lint", "aws-lambda/template.yaml");
    }

    @Test
    void everyScript_passesShellcheck() throws Exception {
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
        command.addAll(SCRIPTS);
        assertClean(command.toArray(new String[0]));
    }

    @Test
    void everyScript_sendsTheExactCloudCommands_toStubClis() throws Exception {
        assertClean("bats", "results/cli/src/test/bats/deploy.bats");
    }

    private static void assertClean(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        assertEquals(0, p.exitValue(), String.join(" ", command) + " said:\n" + output);
    }
}
