package dev.pixelforge.load.engines;

import org.apache.jmeter.engine.RemoteJMeterEngineImpl;
import org.apache.jmeter.util.JMeterUtils;

import us.abstracta.jmeter.javadsl.core.engines.JmeterEnvironment;

import java.io.IOException;
import java.net.InetAddress;
import java.rmi.RemoteException;

/**
 * A JMeter 5.6.3 server (what stock JMeter's {@code jmeter-server} starts) in this JVM, with this
 * JVM's class path, so every element of PixelForge's plan loads on it.
 *
 * @param port the RMI registry's port: what the controller's {@code --engines} names
 * @param localPort the port of the engine's own RMI object ({@code server.rmi.localport}); fixed,
 *     not JMeter's random default, so that a firewall can open it
 * @param hostname {@code java.rmi.server.hostname}: the address the controller reaches this engine
 *     at, written into the engine's stubs (on a cloud VM, its public or VPC address)
 */
public record EngineServer(int port, int localPort, String hostname, RmiSettings rmi) {

    public EngineServer {
        new EngineAddress(hostname, port); // same rules as --engines
        if (localPort < 1 || localPort > 65535 || localPort == port) {
            throw new IllegalArgumentException(
                    "the engine's RMI object port is 1 to 65535 and not its registry port "
                            + port
                            + ", not "
                            + localPort);
        }
    }

    /** By default the engine object listens one above the registry. */
    public static EngineServer on(int port, String hostname, RmiSettings rmi) {
        return new EngineServer(port, port + 1, hostname, rmi);
    }

    public EngineAddress address() {
        return new EngineAddress(hostname, port);
    }

    /**
     * Binds the engine in a registry of its own; returns once it is reachable. Non-daemon RMI
     * threads keep the JVM up.
     */
    public void start() throws IOException {
        new JmeterEnvironment(); // JMeter's properties and home, as jmeter-java-dsl's embedded
        // engine has them
        // Before RmiUtils is loaded: it reads all of these once, into constants.
        System.setProperty("java.rmi.server.hostname", hostname);
        JMeterUtils.setProperty("server_port", Integer.toString(port));
        JMeterUtils.setProperty("server.rmi.localport", Integer.toString(localPort));
        rmi.jmeterProperties().forEach(JMeterUtils::setProperty);
        if (!rmi.ssl()) {
            // JMeter binds only its SSL sockets to the hostname; without SSL, RMI's own listen on
            // every interface unless told otherwise.
            BoundRmiSockets.install(InetAddress.getByName(hostname));
        }
        try {
            RemoteJMeterEngineImpl.startServer(port);
        } catch (RemoteException e) {
            throw new IOException(
                    "the JMeter engine could not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The line to give {@code compare}, and the ports a firewall must open. */
    public String describe() {
        return "JMeter 5.6.3 engine on "
                + address().id()
                + " (RMI registry port "
                + port
                + ", engine port "
                + localPort
                + "; "
                + rmi.describe()
                + ")";
    }
}
