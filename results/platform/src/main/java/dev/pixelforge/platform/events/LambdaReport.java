package dev.pixelforge.platform.events;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The REPORT line Lambda logs after every invocation, with the same fields and rounding.
 *
 * @param durationMillis runtime took the event (/next answered) to the response posted
 * @param initDurationMillis only on a cold start: environment spawn to the runtime's first /next
 */
public record LambdaReport(
        String requestId,
        double durationMillis,
        int memorySizeMb,
        long maxMemoryUsedMb,
        OptionalDouble initDurationMillis,
        int environment) {

    /**
     * Whole milliseconds, rounded up (1 ms granularity since December 2020), init included on a
     * cold start (billed for on-demand functions on managed runtimes since 1 August 2025).
     */
    public long billedDurationMillis() {
        return (long) Math.ceil(durationMillis + initDurationMillis.orElse(0));
    }

    /**
     * Exactly as CloudWatch Logs shows it: tab-separated fields, two decimals, Init Duration last.
     */
    public String line() {
        String line =
                String.format(
                        Locale.ROOT,
                        "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory"
                                + " Size: %d MB\tMax Memory Used: %d MB",
                        requestId,
                        durationMillis,
                        billedDurationMillis(),
                        memorySizeMb,
                        maxMemoryUsedMb);
        if (initDurationMillis.isPresent()) {
            line +=
                    String.format(
                            Locale.ROOT,
                            "\tInit Duration: %.2f ms",
                            initDurationMillis.getAsDouble());
        }
        return line + "\t";
    }
}
