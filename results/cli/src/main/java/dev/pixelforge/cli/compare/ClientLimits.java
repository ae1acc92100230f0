package dev.pixelforge.cli.compare;

import java.util.Locale;

/**
 * The machine the load client is given: a CPU quota and a memory limit for its own JVM, either one
 * of the first study's two clients or any other ({@code --client-cpus N --client-memory SIZE}).
 *
 * @param cpus the CPU quota, in cores
 * @param memoryBytes the memory limit; 0 for none (the JVM's own default heap)
 * @param basis where the figures come from, for the run manifest and the report
 */
public record ClientLimits(String name, double cpus, long memoryBytes, String basis) {

    private static final long GIB = 1L << 30;

    /**
     * t3.micro: 2 vCPUs and 1 GiB; its CPU credits run out within minutes of a full load, and then
     * it gets its baseline, 10% per vCPU, 0.2 CPU in all (results/README.md cites AWS's pages). The
     * model is that baseline from the first second: a credit balance is not modelled.
     */
    public static final ClientLimits T3_MICRO =
            new ClientLimits(
                    "t3.micro",
                    0.2,
                    GIB,
                    "t3.micro: 2 vCPUs, 1 GiB; CPU modelled at its baseline once its credits are"
                            + " spent, 10% per vCPU = 0.2 CPU");

    /**
     * m7i-flex.large: 2 vCPUs and 8 GiB; a flex instance reaches its full CPU most of the time, so
     * modelled as 2 whole CPUs.
     */
    public static final ClientLimits M7I_FLEX_LARGE =
            new ClientLimits(
                    "m7i-flex.large",
                    2.0,
                    8 * GIB,
                    "m7i-flex.large: 2 vCPUs, 8 GiB; modelled as 2 whole CPUs (on a 2-core machine,"
                            + " shared with the stand-ins)");

    public ClientLimits {
        if (!(cpus > 0) || memoryBytes < 0) {
            throw new IllegalArgumentException(
                    "a client needs more than 0 CPUs and a memory limit of 0 (none) or more, not "
                            + cpus
                            + " CPUs and "
                            + memoryBytes
                            + " bytes");
        }
    }

    /** {@code --client NAME}. */
    public static ClientLimits named(String name) {
        return switch (name.trim()) {
            case "t3.micro" -> T3_MICRO;
            case "m7i-flex.large" -> M7I_FLEX_LARGE;
            default ->
                    throw new IllegalArgumentException(
                            "--client takes t3.micro or m7i-flex.large (or give --client-cpus and"
                                    + " --client-memory), not "
                                    + name);
        };
    }

    /**
     * {@code --client-cpus N --client-memory SIZE}: SIZE as 512m, 1g, 1.5g or a number of bytes;
     * null memory for none.
     */
    public static ClientLimits custom(double cpus, String memory) {
        long bytes = memory == null ? 0 : bytes(memory);
        return new ClientLimits(
                "custom",
                cpus,
                bytes,
                String.format(
                        Locale.ROOT,
                        "--client-cpus %s%s",
                        cpus,
                        memory == null ? "" : " --client-memory " + memory));
    }

    static long bytes(String size) {
        String s = size.trim().toLowerCase(Locale.ROOT).replaceAll("i?b$", "");
        long unit =
                switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
                    case 'k' -> 1L << 10;
                    case 'm' -> 1L << 20;
                    case 'g' -> GIB;
                    default -> 1;
                };
        try {
            return Math.round(
                    Double.parseDouble(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--client-memory takes a size such as 512m or 1g, not " + size);
        }
    }

    /**
     * The client JVM's heap: three quarters of its memory limit, leaving the rest for metaspace,
     * code, thread stacks and socket buffers; none given when there is no limit (the JVM chooses).
     */
    public long heapBytes() {
        return memoryBytes * 3 / 4;
    }
}
