package dev.pixelforge.standins.aws;

import java.security.SecureRandom;

/** API keys as API Gateway generates them: 40 letters and digits, from a secure random source. */
public final class ApiKeys {

    private static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A new key for one local run: it opens nothing after the run's gateway stops. */
    public static String generate() {
        StringBuilder key = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }
}
