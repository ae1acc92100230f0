package dev.pixelforge.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.core.testing.RepositoryRoot;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The deploy files, checked offline with the tools made for them: cfn-lint on the SAM template,
 * shellcheck on every shell script the repository tracks, and the bats suites that run the scripts:
 * the AWS script with the real AWS CLI against moto's server, the Google scripts with the real
 * gcloud against a recording fake of the Admin APIs, the dry runs and input checks with nothing
 * called.
 */
class DeployFilesIT {

    private static final Path ROOT = RepositoryRoot.path();
    /**
     * A guard against a hung command, not a time budget: the bats folder runs the AWS lifecycle
     * against moto twice (private, then --public) and the Google ones against the recording fake,
     * some two hundred real AWS CLI and gcloud calls: over 5 minutes for the AWS suite alone, and
     * 2 min 45 s to 4 min 35 s for the Google one, on a shared 2-core machine at load 8 to 13.
     */
    private static final long TIMEOUT_MINUTES = 15;

    /**
     * A first line that runs bash or sh: #!/bin/bash, #!/usr/bin/env bash, #!/bin/sh -e ... (not
     * bats).
     */
    private static final Pattern SHELL_SHEBANG =
            Pattern.compile("#!\\s*(\\S*/)?(env\\s+(-\\S+\\s+)*)?(ba)?sh(\\s.*)?");

    @Test
    void samTemplate_passesCfnLint() throws Exception {
        assertClean("cfn-lint", "aws-lambda/template.yaml");
    }

    @Test
    void everyTrackedShellScript_passesShellcheck() throws Exception {
        List<String> scripts = shellScripts();
        // The scripts are found, not listed, so a new one is checked too; these three, which have
        // no
        // .sh name, show that the shebang is looked at.
        for (String byShebang :
                List.of("pixelforge", ".ci/run", "results/cli/src/test/bats/stubs/stub")) {
            assertTrue(
                    scripts.contains(byShebang),
                    byShebang + " is not among the scripts found: " + scripts);
        }
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
        command.addAll(scripts);
        assertClean(command.toArray(new String[0]));
    }

    @Test
    void theShellScripts_areFoundBy_nameOrShebang() {
        assertTrue(isShellScript("x/a.sh", "anything"));
        assertTrue(isShellScript("pixelforge", "#!/usr/bin/env bash"));
        assertTrue(isShellScript("run", "#!/bin/sh -e"));
        assertTrue(isShellScript("run", "#!/bin/bash"));
        assertTrue(isShellScript("run", "#!/usr/bin/env -S bash -e"));
        assertFalse(isShellScript("deploy.bats", "#!/usr/bin/env bats"));
        assertFalse(isShellScript("make_references.py", "#!/usr/bin/env python3"));
        assertFalse(isShellScript("run", "#!/bin/zsh"));
        assertFalse(isShellScript("README.md", "# bash"));
        assertFalse(isShellScript("empty", null));
    }

    @Test
    void everyScript_sendsTheExactCommands_toStubClis() throws Exception {
        // Every suite in the folder: deploy.bats, lib.bats, install-debian.bats and any added
        // later.
        assertClean("bats", "results/cli/src/test/bats");
    }

    /** Every tracked *.sh, and every tracked file whose first line is a bash or sh shebang. */
    private static List<String> shellScripts() throws IOException, InterruptedException {
        String listing = runToEnd("git", "ls-files", "-z");
        List<String> scripts = new ArrayList<>();
        for (String path : listing.split("\0")) {
            if (path.isEmpty()) {
                continue;
            }
            Path file = ROOT.resolve(path);
            if (Files.isRegularFile(file) && isShellScript(path, firstLine(file))) {
                scripts.add(path);
            }
        }
        return scripts;
    }

    static boolean isShellScript(String path, String firstLine) {
        return path.endsWith(".sh")
                || (firstLine != null && SHELL_SHEBANG.matcher(firstLine.strip()).matches());
    }

    private static String firstLine(Path file) throws IOException {
        // ISO-8859-1 reads any bytes: binary files (PNGs) simply do not match the shebang.
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return in.readLine();
        }
    }

    private static void assertClean(String... command) throws IOException, InterruptedException {
        Result result = run(command);
        assertEquals(0, result.status, String.join(" ", command) + " said:\n" + result.output);
    }

    private static String runToEnd(String... command) throws IOException, InterruptedException {
        Result result = run(command);
        assertEquals(0, result.status, String.join(" ", command) + " said:\n" + result.output);
        return result.output;
    }

    private record Result(int status, String output) {}

    /** A file's text; bytes that are not UTF-8 become U+FFFD instead of failing the read. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code command} in the repository root with its output in a file, not a pipe: nothing
     * has to read while it runs, so waitFor's timeout holds even when the command never ends.
     */
    private static Result run(String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("deploy-files-it", ".out");
        try {
            Process p =
                    new ProcessBuilder(command)
                            .directory(ROOT.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(
                        String.join(" ", command)
                                + " did not finish in "
                                + TIMEOUT_MINUTES
                                + " minutes; its output so far:\n"
                                + text(output));
            }
            return new Result(p.exitValue(), text(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
