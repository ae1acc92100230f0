package dev.pixelforge.standins.scheduling;

import java.io.IOException;

/** Starts instance {@code id} of a target; returns once the process exists, before it is ready. */
@FunctionalInterface
public interface InstanceLauncher<P extends InstanceProcess> {
    P launch(int id) throws IOException;
}
