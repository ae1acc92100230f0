package dev.pixelforge.load.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * JMeter's "Non HTTP response" texts, as HTTPSamplerBase.errorResult writes them: whose failure
 * each is.
 */
class ClientFailureTest {

    @Test
    void exhaustedPortsDescriptorsAndHeap_areTheClients() {
        assertTrue(
                ClientFailure.is(
                        "Non HTTP response code: java.net.BindException",
                        "Non HTTP response message: Cannot assign requested address"));
        assertTrue(
                ClientFailure.is(
                        "Non HTTP response code: java.net.SocketException",
                        "Non HTTP response message: Too many open files"));
        assertTrue(
                ClientFailure.is(
                        "Non HTTP response code: java.lang.OutOfMemoryError",
                        "Non HTTP response message: Java heap space"));
    }

    @Test
    void refusedResetAndTimedOut_areTheTargets() {
        assertFalse(
                ClientFailure.is(
                        "Non HTTP response code: org.apache.http.conn.HttpHostConnectException",
                        "Non HTTP response message: Connect to 127.0.0.1:8080 [/127.0.0.1] failed:"
                                + " Connection refused"));
        assertFalse(
                ClientFailure.is(
                        "Non HTTP response code: java.net.SocketException",
                        "Non HTTP response message: Connection reset"));
        assertFalse(
                ClientFailure.is(
                        "Non HTTP response code: org.apache.http.conn.ConnectTimeoutException",
                        "Non HTTP response message: Connect to 127.0.0.1:8080 failed: connect timed"
                                + " out"));
        assertFalse(
                ClientFailure.is(
                        "Non HTTP response code: org.apache.http.NoHttpResponseException",
                        "Non HTTP response message: 127.0.0.1:8080 failed to respond"));
    }

    @Test
    void anHttpAnswer_isNeverTheClients_whateverItsMessage() {
        assertFalse(ClientFailure.is("500", "Too many open files"));
        assertFalse(ClientFailure.is("429", "Too Many Requests"));
    }
}
