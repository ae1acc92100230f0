package dev.pixelforge.load.engines;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An engine's CPU over a window, where the controller can see it: an engine on this machine's
 * loopback that {@code ./pixelforge engine --port N} started (found by its command line, as the
 * same user sees it in {@code /proc}). Any other engine's JVM is another machine's, and its CPU is
 * not watched.
 */
public final class EngineCpu {

    /**
     * At or above this share of the engine machine's cores, the engine, not the target, set the
     * pace (the client-bound rule).
     */
    public static final double BOUND_SHARE = 0.85;

    private final EngineAddress engine;
    private final ProcessHandle process; // null: not watched
    private final long startCpuNanos;
    private final long startWallNanos;

    private EngineCpu(EngineAddress engine, ProcessHandle process) {
        this.engine = engine;
        this.process = process;
        this.startCpuNanos = process == null ? 0 : cpuNanos(process);
        this.startWallNanos = System.nanoTime();
    }

    /** Starts watching {@code engine}, if it is a local {@code ./pixelforge engine}. */
    public static EngineCpu start(EngineAddress engine) {
        return new EngineCpu(
                engine, isLoopback(engine.host()) ? find(engine.port()).orElse(null) : null);
    }

    /** The window's figure, for run.properties: {@code 43% of 2 cores} or why there is none. */
    public String finish() {
        if (process == null) {
            return "engine CPU not watched ("
                    + (isLoopback(engine.host())
                            ? "no ./pixelforge engine --port "
                                    + engine.port()
                                    + " process on this machine"
                            : "on another machine")
                    + ")";
        }
        double share = share();
        return String.format(
                Locale.ROOT,
                "%.0f%% of %d cores%s",
                100 * share,
                cores(),
                share >= BOUND_SHARE ? ": engine-bound, add engines" : "");
    }

    double share() {
        long wall = System.nanoTime() - startWallNanos;
        return (cpuNanos(process) - startCpuNanos) / (double) wall / cores();
    }

    /** The engine shares this machine: its cores are this JVM's. */
    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    static Optional<ProcessHandle> find(int port) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .filter(p -> isEngineOn(arguments(p), port))
                .findFirst();
    }

    /**
     * A process's whole command line: from {@code /proc/<pid>/cmdline} where there is one, as the
     * JDK's {@code ProcessHandle.Info} reads only its first 4,096 bytes and gives no arguments past
     * a long class path.
     */
    private static List<String> arguments(ProcessHandle p) {
        Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        try {
            return List.of(
                    new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException gone) {
            // no /proc (not Linux), or the process ended or is another user's: what the JDK sees,
            // if anything
            return p.info().arguments().map(List::of).orElse(List.of());
        }
    }

    /**
     * The engine command's registry port when it is given no {@code --port} (JMeter's, and {@code
     * EngineCommand}'s default).
     */
    static final int ENGINE_DEFAULT_PORT = 1099;

    /**
     * {@code ... dev.pixelforge.cli.PixelForgeCli engine ... --port N ...}, as ./pixelforge starts
     * it; no --port is 1099.
     */
    static boolean isEngineOn(List<String> args, int port) {
        int main = args.indexOf("dev.pixelforge.cli.PixelForgeCli");
        if (main < 0 || main + 1 >= args.size() || !args.get(main + 1).equals("engine")) {
            return false;
        }
        String n = Integer.toString(port);
        int flag = args.indexOf("--port");
        boolean portGiven =
                flag > main
                        || args.subList(main, args.size()).stream()
                                .anyMatch(a -> a.startsWith("--port="));
        if (!portGiven) {
            return port == ENGINE_DEFAULT_PORT;
        }
        return args.indexOf("--port=" + n) > main
                || (flag > main && flag + 1 < args.size() && args.get(flag + 1).equals(n));
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // a name this machine cannot resolve is not this machine
        }
    }
}
