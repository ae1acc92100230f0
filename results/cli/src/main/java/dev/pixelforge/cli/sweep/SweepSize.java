package dev.pixelforge.cli.sweep;

import dev.pixelforge.platform.Target;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One size of one target: the memory, and the CPUs where the platform takes them (Cloud Run; Cloud
 * Functions gen2 with {@code --cpu}); null CPUs means the platform's own rule (Lambda's memory /
 * 1,769 MB, gen2's memory tier).
 *
 * @param label how the user wrote it, for the tables
 */
public record SweepSize(Target target, int memoryMib, Double cpus, String label) {

    /**
     * The platform profile keys this size sets, as {@code --set} would: the stand-ins and the
     * checks read them.
     */
    public Map<String, String> overrides() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(target.id() + ".memory-mb", Integer.toString(memoryMib));
        if (cpus != null) {
            keys.put(target.id() + ".cpus", trim(cpus));
        }
        return keys;
    }

    /**
     * The step's folder name in the sweep's folder, e.g. {@code aws-lambda-885mb}, {@code
     * container-0.5cpu-512mib}.
     */
    public String folder() {
        return switch (target) {
            case AWS_LAMBDA -> target.id() + "-" + memoryMib + "mb";
            default ->
                    target.id()
                            + (cpus == null ? "" : "-" + trim(cpus) + "cpu")
                            + "-"
                            + memoryMib
                            + "mib";
        };
    }

    static String trim(double v) {
        return v == Math.rint(v)
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }
}
