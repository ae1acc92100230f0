package dev.pixelforge.load.engines;

/**
 * An engine that cannot take the run (unreachable, busy with another test, gone mid-run): said as
 * one line, no stack trace.
 */
public final class EngineException extends RuntimeException {

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    public EngineException(String message) {
        super(message);
    }
}
