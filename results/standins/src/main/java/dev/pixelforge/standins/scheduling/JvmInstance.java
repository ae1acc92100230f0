package dev.pixelforge.standins.scheduling;

import dev.pixelforge.standins.process.ChildJvm;
import dev.pixelforge.standins.process.ProcStats;

import java.util.concurrent.CompletableFuture;

/** An instance that is one child JVM: its pid, exit, use and stop are the JVM's. */
public interface JvmInstance extends InstanceProcess {

    ChildJvm jvm();

    @Override
    default long pid() {
        return jvm().pid();
    }

    @Override
    default CompletableFuture<?> exited() {
        return jvm().exited();
    }

    @Override
    default ProcStats stats() {
        return jvm().stats();
    }

    @Override
    default String jdk() {
        return jvm().jdk().describe();
    }

    @Override
    default void stop() {
        jvm().close();
    }
}
