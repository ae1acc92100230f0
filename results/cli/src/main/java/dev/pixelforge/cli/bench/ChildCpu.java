package dev.pixelforge.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a load client as a child of bash and reads its CPU time from bash's {@code times} once it
 * has exited: user + system of the waited-for child, exact, and only that process (a JVM's
 * ProcessHandle CPU figure is gone the moment the process is).
 */
final class ChildCpu {

    private static final Pattern TIME = Pattern.compile("(\\d+)m([\\d.]+)s");
    // $0 is the output file; "times" prints the shell's own times, then its children's.
    private static final String WRAPPER = "\"$@\" > \"$0\" 2>&1; status=$?; times; exit $status";

    /** What the child printed and the CPU it used. */
    record Finished(String output, long cpuNanos) {}

    private ChildCpu() {}

    /**
     * Runs {@code command} in {@code dir}, its output into {@code output}; fails if it runs past
     * {@code limitSeconds} or exits non-zero.
     */
    static Finished run(List<String> command, Path dir, Path output, long limitSeconds)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("bash", "-c", WRAPPER, output.toString()));
        all.addAll(command);
        Path times = output.resolveSibling(output.getFileName() + ".times");
        Process bash =
                new ProcessBuilder(all)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(times.toFile())
                        .start();
        if (!bash.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly();
            throw new IllegalStateException(
                    command.get(0) + " ran past " + limitSeconds + " s; its output: " + output);
        }
        String printed = Files.readString(output);
        if (bash.exitValue() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " exited " + bash.exitValue() + ":\n" + printed);
        }
        return new Finished(printed, childrenCpuNanos(Files.readString(times)));
    }

    /**
     * The second line of bash's {@code times}: the children's user and system time, e.g. {@code
     * 0m12.345s 0m1.002s}.
     */
    static long childrenCpuNanos(String timesOutput) {
        String[] lines = timesOutput.strip().split("\n");
        if (lines.length < 2) {
            throw new IllegalArgumentException("not the output of bash's times: " + timesOutput);
        }
        Matcher m = TIME.matcher(lines[lines.length - 1]);
        long nanos = 0;
        int found = 0;
        while (m.find()) {
            nanos +=
                    Long.parseLong(m.group(1)) * 60_000_000_000L
                            + Math.round(Double.parseDouble(m.group(2)) * 1e9);
            found++;
        }
        if (found != 2) {
            throw new IllegalArgumentException(
                    "no user and system time in " + lines[lines.length - 1]);
        }
        return nanos;
    }
}
