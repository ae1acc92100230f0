package dev.pixelforge.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, the reference client: the same JSON body, {@code -t 2}, the same connections
 * (results/bench/json.lua).
 */
final class Wrk {

    private static final Pattern RESULT =
            Pattern.compile("RESULT requests_per_s=([\\d.]+) .*errors=(\\d+) requests=(\\d+)");

    private Wrk() {}

    static void ensure(Path root) throws IOException, InterruptedException {
        // wrk --version exits 1, so ask the shell whether it is on the PATH.
        Peers.ensure(
                root,
                List.of("sh", "-c", "command -v wrk"),
                List.of("wrk"),
                "pixelforge bench client");
    }

    /** A measured run: any error fails it. */
    static ClientRun run(
            Path root, Path body, Path outDir, String name, URI url, int connections, int seconds)
            throws IOException, InterruptedException {
        return run(root, body, outDir, name, url, connections, seconds, false);
    }

    /** The warm-up: its errors (timeouts while the instance compiles) only count as errors. */
    static long warmUp(Path root, Path body, Path outDir, URI url, int connections, int seconds)
            throws IOException, InterruptedException {
        return run(root, body, outDir, "wrk-warmup", url, connections, seconds, true).requests();
    }

    private static ClientRun run(
            Path root,
            Path body,
            Path outDir,
            String name,
            URI url,
            int connections,
            int seconds,
            boolean warmUp)
            throws IOException, InterruptedException {
        ChildCpu.Finished done =
                ChildCpu.run(
                        List.of(
                                "wrk",
                                "-t",
                                "2",
                                "-c",
                                Integer.toString(connections),
                                "-d",
                                seconds + "s",
                                "-s",
                                root.resolve("results/bench/json.lua").toAbsolutePath().toString(),
                                url + "/tone",
                                "--",
                                body.toString()),
                        outDir,
                        outDir.resolve(name + ".out"),
                        seconds + 60L);
        Matcher m = RESULT.matcher(done.output());
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no RESULT line:\n" + done.output());
        }
        if (!warmUp && Long.parseLong(m.group(2)) > 0) {
            throw new IllegalStateException(
                    "wrk had "
                            + m.group(2)
                            + " errors: a rate with errors measures nothing:\n"
                            + done.output());
        }
        long requests = Long.parseLong(m.group(3));
        return new ClientRun(
                "wrk, -t 2",
                requests,
                requests / Double.parseDouble(m.group(1)),
                done.cpuNanos(),
                "its process");
    }
}
