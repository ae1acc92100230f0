package dev.pixelforge.standins.google;

import com.google.cloud.functions.invoker.runner.Invoker;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

import javax.servlet.MultipartConfigElement;
import javax.servlet.http.HttpServlet;

/**
 * Google's Functions Framework invoker (1.4.1), started as {@code java -jar
 * java-function-invoker.jar} starts it, but listening on 127.0.0.1 only: the invoker has no option
 * for the address, and its Jetty listens on every interface, while a stand-in's instance is meant
 * for its front on this machine alone. Its command line is the invoker's ({@code --classpath},
 * {@code --target}, {@code --port}); each step below is the one {@code Invoker.startServer} takes
 * (its private steps called by name), with the connector's host set. Runs in the instance's JVM
 * only, from a folder holding this class alone ({@link InvokerLauncher}), beside the invoker jar:
 * the stand-in's own JVM has neither the invoker nor Jetty, and never loads this class.
 */
public final class LoopbackInvoker {

    private static final String HOST = "127.0.0.1";

    private LoopbackInvoker() {}

    public static void main(String[] args) throws Exception {
        Optional<?> made =
                (Optional<?>)
                        call(null, "makeInvoker", new Class<?>[] {String[].class}, (Object) args);
        if (made.isEmpty()) {
            return; // the invoker printed its usage
        }
        Invoker invoker = (Invoker) made.get();
        if (call(invoker, "getFunctionSignatureType", new Class<?>[0]) != null) {
            throw new IllegalArgumentException(
                    "the loopback invoker serves HTTP functions found by their class only: unset"
                            + " FUNCTION_SIGNATURE_TYPE");
        }
        Server server = new Server(new QueuedThreadPool(1024));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(HOST);
        connector.setPort((Integer) call(invoker, "getPort", new Class<?>[0]));
        server.setConnectors(new Connector[] {connector});
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        Class<?> notFound = Class.forName(Invoker.class.getName() + "$NotFoundHandler");
        server.setHandler(
                (Handler)
                        call(
                                notFound,
                                null,
                                "forServlet",
                                new Class<?>[] {ServletContextHandler.class},
                                context));
        Class<?> function = (Class<?>) call(invoker, "loadFunctionClass", new Class<?>[0]);
        HttpServlet servlet =
                (HttpServlet)
                        call(
                                invoker,
                                "servletForDeducedSignatureType",
                                new Class<?>[] {Class.class},
                                function);
        ServletHolder holder = new ServletHolder(servlet);
        holder.getRegistration().setMultipartConfig(new MultipartConfigElement(""));
        context.addServlet(holder, "/*");
        call(
                invoker,
                "addTimerFilterForRequestTimeout",
                new Class<?>[] {ServletContextHandler.class},
                context);
        server.start();
        call(invoker, "logServerInfo", new Class<?>[0]);
        server.join();
    }

    private static Object call(Object target, String name, Class<?>[] types, Object... args)
            throws Exception {
        return call(Invoker.class, target, name, types, args);
    }

    private static Object call(
            Class<?> owner, Object target, String name, Class<?>[] types, Object... args)
            throws Exception {
        Method m = owner.getDeclaredMethod(name, types);
        m.setAccessible(true);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
