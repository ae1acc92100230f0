package dev.pixelforge.core.http;

import io.micronaut.context.annotation.Value;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who is answering: the target name from configuration, and an id that lasts as long as the
 * process.
 */
@Singleton
public final class InstanceInfo {

    /**
     * Random per process: pids repeat across containers, and Lambda environments all run pid 1-ish.
     */
    private static final String INSTANCE_ID =
            HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    private final String target;
    private final String version;

    public InstanceInfo(@Value("${pixelforge.target:unknown}") String target) {
        this.target = target;
        this.version = readVersion();
    }

    public String target() {
        return target;
    }

    public String instanceId() {
        return INSTANCE_ID;
    }

    public String version() {
        return version;
    }

    /** Milliseconds since the JVM started, as the JVM itself counts them. */
    public long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    private static String readVersion() {
        try (InputStream in =
                InstanceInfo.class.getResourceAsStream("pixelforge-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
