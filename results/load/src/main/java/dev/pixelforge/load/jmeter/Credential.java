package dev.pixelforge.load.jmeter;

import java.util.Map;
import java.util.Objects;

/**
 * What a private target wants on every request: API Gateway's {@code x-api-key: <key>}, or Google's
 * {@code Authorization: Bearer <identity token>}. The plan names it through JMeter properties only
 * ({@link #properties()}), resolved in the JVM that sends the request: the value never enters
 * {@code plan.jmx}, the run folder, a log or a command line, and {@link #toString()} hides it.
 *
 * @param header the header's name
 * @param scheme what goes before the value ({@code "Bearer "}), or empty
 * @param secret the name of the property holding the value, as the targets file's companion secrets
 *     file names it ({@code aws-lambda.api-key}), so that stock JMeter reads it with {@code -q
 *     <secrets file>}
 * @param value the key or token itself
 */
public record Credential(String header, String scheme, String secret, String value) {

    /** The plan's credential header: its name, then its value, both from properties. */
    static final String HEADER_NAME = "${__P(auth_header,X-PixelForge-Access)}";

    static final String HEADER_VALUE = "${__P(${__P(auth_secret,none)},public)}";

    public Credential {
        Objects.requireNonNull(header);
        Objects.requireNonNull(scheme);
        Objects.requireNonNull(secret);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(secret + " is empty");
        }
    }

    /** API Gateway's API key. */
    public static Credential apiKey(String secret, String value) {
        return new Credential("x-api-key", "", secret, value);
    }

    /** A Google identity token, as Cloud Run's IAM check reads it. */
    public static Credential bearer(String secret, String value) {
        return new Credential("Authorization", "Bearer ", secret, value);
    }

    /**
     * The JMeter properties the plan's header reads: set in the sending JVM, nowhere else. The
     * secret's property holds the whole header value, scheme included: JMeter's {@code __P} trims
     * what it reads, so a scheme in a property of its own would lose its space.
     */
    public Map<String, String> properties() {
        return Map.of("auth_header", header, "auth_secret", secret, secret, scheme + value);
    }

    @Override
    public String toString() {
        return header + ": " + scheme + "<" + secret + ", not shown>";
    }
}
