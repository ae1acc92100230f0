package dev.pixelforge.standins.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the kernel says a process has used: peak resident set ({@code VmHWM} in /proc/PID/status)
 * and CPU time (user + system ticks in /proc/PID/stat), zero once the process is gone; and, from
 * its CPU group, the quota it ran under (vCPUs; NaN when none was enforced) and the time it was
 * throttled.
 */
public record ProcStats(long peakRssKb, long cpuMillis, double cpuQuota, long throttledMillis) {

    /**
     * USER_HZ: 100 on every Linux architecture the JDK runs on (the kernel's ABI, not CONFIG_HZ).
     */
    private static final long TICKS_PER_SECOND = 100;

    public static ProcStats of(long pid) {
        try {
            long hwm = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the parenthesised command name, which may itself hold spaces.
            List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            long ticks =
                    Long.parseLong(f.get(11))
                            + Long.parseLong(f.get(12)); // utime, stime (fields 14, 15)
            return new ProcStats(hwm, ticks * 1000 / TICKS_PER_SECOND, Double.NaN, 0);
        } catch (IOException | RuntimeException gone) {
            return new ProcStats(0, 0, Double.NaN, 0);
        }
    }

    public ProcStats withCpu(double quota, long throttled) {
        return new ProcStats(peakRssKb, cpuMillis, quota, throttled);
    }

    public long peakRssMb() {
        return (peakRssKb + 1023) / 1024;
    }
}
