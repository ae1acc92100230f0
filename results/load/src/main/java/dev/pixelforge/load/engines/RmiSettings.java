package dev.pixelforge.load.engines;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How JMeter's RMI is set up on either side, as JMeter properties (JMeter reads them once, in
 * {@code RmiUtils}' static initialiser, so they are set before any RMI object exists). SSL is on
 * unless asked off: JMeter's server and client then use one keystore (the same file on every
 * machine), with client authentication, as JMeter's own {@code create-rmi-keystore.sh} sets it up.
 *
 * @param keystore the keystore file, or null for SSL off
 */
public record RmiSettings(Path keystore) {

    public static final RmiSettings SSL_OFF = new RmiSettings(null);

    public RmiSettings {
        keystore = keystore == null ? null : keystore.toAbsolutePath().normalize();
    }

    /** JMeter's defaults ({@code jmeter.properties}), which {@link Keystore} generates to. */
    static final String ALIAS = "rmi";

    static final String PASSWORD = "changeit";

    public boolean ssl() {
        return keystore != null;
    }

    public Map<String, String> jmeterProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.rmi.ssl.disable", Boolean.toString(!ssl()));
        if (ssl()) {
            p.put("server.rmi.ssl.keystore.file", keystore.toString());
            p.put("server.rmi.ssl.keystore.type", "JKS");
            p.put("server.rmi.ssl.keystore.password", PASSWORD);
            p.put("server.rmi.ssl.keystore.alias", ALIAS);
            p.put("server.rmi.ssl.truststore.file", keystore.toString());
        }
        return p;
    }

    public String describe() {
        return ssl() ? "RMI over SSL, keystore " + keystore : "RMI without SSL (asked for)";
    }
}
