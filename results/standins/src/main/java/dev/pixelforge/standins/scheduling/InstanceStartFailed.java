package dev.pixelforge.standins.scheduling;

/**
 * The instance a request was waiting for never became ready (its process failed to start, or died
 * in init).
 */
public final class InstanceStartFailed extends RuntimeException {

    private final int instanceId;

    public InstanceStartFailed(int instanceId, Throwable cause) {
        super("instance " + instanceId + " failed to start: " + cause.getMessage(), cause);
        this.instanceId = instanceId;
    }

    public int instanceId() {
        return instanceId;
    }
}
