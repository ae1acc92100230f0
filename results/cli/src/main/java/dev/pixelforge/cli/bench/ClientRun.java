package dev.pixelforge.cli.bench;

import java.util.Locale;

/**
 * One load client's measured run: requests answered over its own window, and the CPU time the
 * client spent (its process only: never the stand-in's).
 *
 * @param cpuScope what the CPU figure covers, in words (a process's whole life, or the load window)
 */
record ClientRun(String client, long requests, double seconds, long cpuNanos, String cpuScope) {

    double requestsPerSecond() {
        return seconds <= 0 ? 0 : requests / seconds;
    }

    double cpuMicrosPerRequest() {
        return requests == 0 ? Double.NaN : cpuNanos / 1000.0 / requests;
    }

    String row() {
        return String.format(
                Locale.ROOT,
                "%-34s %9d %7.1f s %10.1f %8.2f s %10.1f   %s",
                client,
                requests,
                seconds,
                requestsPerSecond(),
                cpuNanos / 1e9,
                cpuMicrosPerRequest(),
                cpuScope);
    }

    static String header() {
        return String.format(
                Locale.ROOT,
                "%-34s %9s %9s %10s %10s %10s   %s",
                "client",
                "requests",
                "window",
                "req/s",
                "client CPU",
                "CPU us/req",
                "CPU counted");
    }

    /** The bench's last line, the one a script or a reader takes the result from. */
    static String summary(ClientRun embedded, ClientRun stock, ClientRun wrk) {
        return String.format(
                Locale.ROOT,
                "client: embedded %.0f req/s, stock JMeter %.0f req/s, wrk %.0f req/s, "
                        + "embedded/stock %.2fx, embedded/wrk %.2fx",
                embedded.requestsPerSecond(),
                stock.requestsPerSecond(),
                wrk.requestsPerSecond(),
                embedded.requestsPerSecond() / stock.requestsPerSecond(),
                embedded.requestsPerSecond() / wrk.requestsPerSecond());
    }
}
