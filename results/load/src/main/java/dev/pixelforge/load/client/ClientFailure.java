package dev.pixelforge.load.client;

import java.util.List;
import java.util.Locale;

/**
 * Whether a request that got no HTTP answer failed in the load client rather than in the target.
 * JMeter reports such a request as {@code Non HTTP response code: <exception class>} with the
 * exception's message in the response message. Running out of local ports, file descriptors, socket
 * buffers or heap is the client's failure; a refused, reset or timed-out connection is the target's
 * (a stopped target refuses; a full listen backlog drops the SYN, and the connect times out).
 */
public final class ClientFailure {

    /**
     * Exception classes and kernel messages that say the client, not the target, ran out of
     * something.
     */
    private static final List<String> CLIENT_SIGNS =
            List.of(
                    "java.net.bindexception", // no local port to bind
                    "cannot assign requested address", // EADDRNOTAVAIL: ephemeral ports exhausted
                    "too many open files", // EMFILE: the client's descriptor limit
                    "no buffer space available", // ENOBUFS: the client's socket buffers
                    "outofmemoryerror", // the client's heap
                    "unable to create native thread"); // the client's thread limit

    private ClientFailure() {}

    /**
     * True when {@code responseCode} is JMeter's "Non HTTP" code and it or {@code message} names a
     * client-side exhaustion.
     */
    public static boolean is(String responseCode, String message) {
        // Every request passes here: an HTTP status (digits only) is told without a regex or a
        // lower-cased copy.
        if (responseCode != null
                && !responseCode.isEmpty()
                && responseCode.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false; // an HTTP answer came: whatever it says, the client did its part
        }
        String code = responseCode == null ? "" : responseCode.toLowerCase(Locale.ROOT);
        String text = code + " " + (message == null ? "" : message.toLowerCase(Locale.ROOT));
        return CLIENT_SIGNS.stream().anyMatch(text::contains);
    }
}
