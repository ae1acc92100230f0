package dev.pixelforge.cli.simulate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code --trace}: arrival times, one per line, in seconds from the start (decimals allowed), in
 * order; blank lines and lines starting with {@code #} are skipped.
 */
public final class TraceFile {

    private TraceFile() {}

    public static long[] read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        long[] due = new long[lines.size()];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            double seconds;
            try {
                seconds = Double.parseDouble(line);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        file + " line " + (i + 1) + ": '" + line + "' is not a number of seconds",
                        e);
            }
            long nanos = Math.round(seconds * 1e9);
            if (!(seconds >= 0) || (n > 0 && nanos < due[n - 1])) {
                throw new IllegalArgumentException(
                        file
                                + " line "
                                + (i + 1)
                                + ": arrival times are seconds from the start, 0 or more, in"
                                + " order");
            }
            due[n++] = nanos;
        }
        if (n == 0) {
            throw new IllegalArgumentException(file + " holds no arrival time");
        }
        return Arrays.copyOf(due, n);
    }
}
