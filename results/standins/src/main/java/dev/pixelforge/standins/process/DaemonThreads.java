package dev.pixelforge.standins.process;

import dev.pixelforge.platform.profile.TargetProfile;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stand-ins' background threads: daemons, so a stand-in never keeps the JVM alive by itself,
 * and named, so a thread dump says whose they are.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Runs {@code reap} a few times per idle timeout (every quarter of it, between 50 ms and 1 s), so
     * an idle instance goes at most a quarter late.
     */
    public static ScheduledExecutorService reaper(String name, TargetProfile profile, Runnable reap) {
        ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(named(name));
        long period = Math.max(50, Math.min(1000, profile.idleTimeout().toMillis() / 4));
        reaper.scheduleAtFixedRate(reap, period, period, TimeUnit.MILLISECONDS);
        return reaper;
    }
}
