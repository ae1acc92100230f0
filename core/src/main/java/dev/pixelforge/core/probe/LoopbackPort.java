package dev.pixelforge.core.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Loopback ports of the processes we start: a free one to give a process, and the wait until a
 * process accepts connections on it (Cloud Run's TCP startup probe), with a deadline, that gives up
 * early when the process has died. The one probe of the project: the deployables' tests ({@code
 * LaunchedJvm}) and the local stand-ins share it. Main code, so the stand-ins need no test-jar;
 * left out of the deployables' shaded jars (the parent pom's shade filter), which hold the function
 * alone.
 */
public final class LoopbackPort {

    /**
     * How often the probe knocks: short against a JVM's start-up, long against a connect on
     * loopback.
     */
    private static final long PROBE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private LoopbackPort() {}

    /** A port nothing listens on now (the kernel's choice). */
    public static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Whether something accepts a TCP connection on {@code port} now. */
    public static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException notListening) {
            return false;
        }
    }

    /**
     * Returns once {@code port} accepts a connection; throws, saying what it waited for, when
     * {@code alive} turns false or {@code within} has passed.
     */
    public static void await(int port, Duration within, BooleanSupplier alive, String what)
            throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!accepts(port)) {
            if (!alive.getAsBoolean()) {
                throw new IOException(what + " exited before it listened on port " + port);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(
                        what
                                + " did not listen on port "
                                + port
                                + " within "
                                + within.toSeconds()
                                + " s");
            }
            LockSupport.parkNanos(PROBE_PERIOD_NANOS);
        }
    }
}
