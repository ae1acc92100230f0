package dev.pixelforge.load.engines;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;

/**
 * RMI's sockets for an engine without SSL, its listening ones bound to one address. JMeter 5.6.3
 * binds its SSL sockets to {@code java.rmi.server.hostname} ({@code SSLRMIServerSocketFactory}),
 * but without SSL its {@code RmiUtils.createServerSocketFactory} returns null, and RMI then uses
 * the JVM-wide {@link RMISocketFactory}, which by default listens on every interface: this one, set
 * for the engine's JVM, listens on the engine's address only (loopback: {@code engine --no-ssl}
 * refuses any other).
 */
final class BoundRmiSockets extends RMISocketFactory {

    private final InetAddress address;

    private BoundRmiSockets(InetAddress address) {
        this.address = address;
    }

    /** Makes RMI in this JVM listen on {@code address} alone, before any RMI object exists. */
    static void install(InetAddress address) throws IOException {
        RMISocketFactory current = RMISocketFactory.getSocketFactory();
        if (current instanceof BoundRmiSockets bound && bound.address.equals(address)) {
            return;
        }
        RMISocketFactory.setSocketFactory(new BoundRmiSockets(address));
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new ServerSocket(port, 0, address);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new Socket(host, port);
    }
}
