package dev.pixelforge.standins.aws;

import java.util.concurrent.CompletableFuture;

/**
 * One Lambda invocation on its way through an execution environment.
 *
 * @param event the event JSON the runtime receives from /next
 * @param deadlineEpochMs what Lambda-Runtime-Deadline-Ms tells the runtime
 */
record Invocation(
        String requestId, byte[] event, long deadlineEpochMs, CompletableFuture<Outcome> outcome) {

    /** How an invocation ended, as the Runtime API heard it. */
    sealed interface Outcome permits Response, FunctionError {
        /** Nanoseconds from /next answered to the outcome posted: Lambda's Duration. */
        long durationNanos();
    }

    /** The runtime posted a result to /response. */
    record Response(byte[] payload, long durationNanos) implements Outcome {}

    /** The runtime posted to /error (or /init/error), or the environment died mid-invocation. */
    record FunctionError(String errorType, String body, long durationNanos) implements Outcome {}
}
