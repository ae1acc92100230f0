package dev.pixelforge.cli;

import dev.pixelforge.load.engines.EngineServer;
import dev.pixelforge.load.engines.Keystore;
import dev.pixelforge.load.engines.RmiSettings;
import dev.pixelforge.load.jmeter.EngineRunFolder;

import org.apache.jmeter.util.JMeterUtils;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./pixelforge engine}: a remote JMeter engine for {@code compare --engines}, on this
 * machine, until stopped. It prints the {@code --engines} line to give {@code compare} once it is
 * reachable.
 */
@Command(
        name = "engine",
        mixinStandardHelpOptions = true,
        description =
                "Start a JMeter 5.6.3 engine (server) with PixelForge's plan on its class path, for"
                        + " compare --engines.")
final class EngineCommand implements Callable<Integer> {

    /** What {@code compare --engines} needs; tests wait for this line. */
    static final String READY = "give compare: --engines ";

    @Option(
            names = "--port",
            defaultValue = "1099",
            description = "The RMI registry port, named in --engines (default 1099, JMeter's).")
    int port;

    @Option(
            names = "--engine-port",
            paramLabel = "N",
            description = "The engine's own RMI port (server.rmi.localport; default: --port + 1).")
    Integer enginePort;

    @Option(
            names = "--hostname",
            defaultValue = "127.0.0.1",
            description =
                    "The address the controller reaches this engine at (java.rmi.server.hostname;"
                        + " default 127.0.0.1). On a cloud VM: its private address, or its public"
                        + " one from outside its network.")
    String hostname;

    @Option(
            names = "--keystore",
            paramLabel = "FILE",
            description =
                    "The RMI SSL keystore, made if missing; copy the same file to the controller"
                            + " and every engine (default: results/engines/rmi_keystore.jks).")
    Path keystore;

    @Option(
            names = "--no-ssl",
            description =
                    "RMI without SSL (server.rmi.ssl.disable=true): only on a network you trust.")
    boolean noSsl;

    @Option(
            names = "--root",
            defaultValue = ".",
            description = "Repository root (default: the current directory).")
    Path root;

    @Override
    public Integer call() throws Exception {
        EngineServer server;
        try {
            refuseOpenEngineOffLoopback();
            RmiSettings rmi =
                    noSsl
                            ? RmiSettings.SSL_OFF
                            : new RmiSettings(keystore != null ? keystore : defaultKeystore(root));
            server =
                    new EngineServer(
                            port, enginePort != null ? enginePort : port + 1, hostname, rmi);
            if (rmi.ssl() && Keystore.ensure(rmi.keystore())) {
                System.out.println(
                        "pixelforge engine: made the RMI keystore "
                                + rmi.keystore().toAbsolutePath()
                                + " (valid "
                                + Keystore.VALID_DAYS
                                + " days): copy it to the controller and to every other engine");
            }
            server.start();
            // Where this engine makes run folders of its own when it cannot see the controller's
            // (EngineRunFolder).
            JMeterUtils.setProperty(
                    EngineRunFolder.ENGINE_RUNS,
                    root.resolve("results/runs").toAbsolutePath().normalize().toString());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pixelforge engine: " + e.getMessage());
            return 2;
        }
        System.out.println("pixelforge engine: " + server.describe() + "; Ctrl-C stops it");
        String keystoreOption =
                server.rmi().ssl()
                        ? " --engine-keystore " + server.rmi().keystore().toAbsolutePath()
                        : " --no-engine-ssl";
        System.out.println(READY + server.address().id() + keystoreOption);
        new CountDownLatch(1)
                .await(); // serve until the process is stopped: the RMI threads do the work
        return 0;
    }

    /** Where engine and compare look for the keystore by default. */
    static Path defaultKeystore(Path root) {
        return root.resolve("results/engines/rmi_keystore.jks").toAbsolutePath().normalize();
    }

    /**
     * An engine without SSL runs any plan anyone who reaches its ports sends it (JMeter plans can
     * run code): only on loopback, where only this machine reaches it.
     */
    private void refuseOpenEngineOffLoopback() {
        if (!noSsl) {
            return;
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(hostname).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--hostname " + hostname + " does not resolve", e);
        }
        if (!loopback) {
            throw new IllegalArgumentException(
                    "--no-ssl only on loopback (--hostname 127.0.0.1): an engine without SSL runs"
                            + " any plan, and so any code, that reaches its ports; on "
                            + hostname
                            + " leave SSL on and copy the keystore to the controller");
        }
    }
}
