package dev.pixelforge.cli.sweep;

import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.profile.PlatformProfile;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the sizes a sweep is given and refuses, before anything runs, those the platform refuses,
 * with the platform's reason (results/README.md cites each rule):
 *
 * <ul>
 *   <li>{@code --lambda-memory 512,1024,1769}: MB, 128 to 10,240 in 1 MB steps;
 *   <li>{@code --function-memory 512,1024,2048} (gen2's memory tiers set the CPU) or {@code 2048/1}
 *       pairs (gen2's {@code --cpu}, under Cloud Run's CPU rules);
 *   <li>{@code --run-sizes 0.5/512,1/1024}: Cloud Run vCPU / MiB, 0.08 to 8 vCPU (below 1 in steps
 *       of 0.001, above 1 only 2, 4, 6 or 8), the memory each CPU count allows, below 1 vCPU
 *       concurrency 1.
 * </ul>
 *
 * A pair may be written either way round ({@code 1/1024} or {@code 1024/1}): CPUs are at most 8 and
 * memory at least 128, so the two never mix up.
 */
public final class SweepSizes {

    private SweepSizes() {}

    public static List<SweepSize> lambda(String list) {
        List<SweepSize> sizes = new ArrayList<>();
        for (String item : items(list, "--lambda-memory")) {
            int mb;
            try {
                mb = Integer.parseInt(item);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--lambda-memory "
                                + item
                                + ": Lambda takes whole MB (1 MB steps), e.g. 885 or 1769");
            }
            sizes.add(new SweepSize(Target.AWS_LAMBDA, mb, null, mb + " MB"));
        }
        return sizes;
    }

    public static List<SweepSize> function(String list) {
        List<SweepSize> sizes = new ArrayList<>();
        for (String item : items(list, "--function-memory")) {
            if (item.contains("/")) {
                double[] pair = pair(item, "--function-memory");
                sizes.add(
                        new SweepSize(
                                Target.GCP_FUNCTION,
                                (int) pair[1],
                                pair[0],
                                exact(pair[0]) + " vCPU / " + (int) pair[1] + " MiB"));
            } else {
                int mib = whole(item, "--function-memory");
                if (mib < 128) {
                    throw new IllegalArgumentException(
                            "--function-memory "
                                    + item
                                    + ": Cloud Functions gen2 takes 128 MiB to 32 GiB");
                }
                sizes.add(new SweepSize(Target.GCP_FUNCTION, mib, null, mib + " MiB"));
            }
        }
        return sizes;
    }

    public static List<SweepSize> run(String list) {
        List<SweepSize> sizes = new ArrayList<>();
        for (String item : items(list, "--run-sizes")) {
            double[] pair = pair(item, "--run-sizes");
            sizes.add(
                    new SweepSize(
                            Target.CONTAINER,
                            (int) pair[1],
                            pair[0],
                            exact(pair[0]) + " vCPU / " + (int) pair[1] + " MiB"));
        }
        return sizes;
    }

    /**
     * The platform profile with a size's keys over it; throws IllegalArgumentException where a rule
     * refuses it.
     */
    @FunctionalInterface
    public interface ProfileOf {
        PlatformProfile with(Map<String, String> overrides) throws IOException;
    }

    /**
     * Refuses a size the platform refuses, saying why: each size's keys go over the profile (the
     * file with every {@code --set}) and through the platform's own rules, as a run of that size
     * would.
     */
    public static void check(List<SweepSize> sizes, String option, ProfileOf profile)
            throws IOException {
        Set<String> folders = new HashSet<>();
        for (SweepSize s : sizes) {
            if (!folders.add(s.folder())) {
                throw new IllegalArgumentException(option + ": " + s.label() + " is given twice");
            }
            if (s.cpus() != null
                    && s.cpus() < 1
                    && Math.abs(s.cpus() * 1000 - Math.rint(s.cpus() * 1000)) > 1e-6) {
                throw new IllegalArgumentException(
                        option
                                + " "
                                + s.label()
                                + ": below 1 vCPU, Cloud Run takes steps of 0.001 vCPU");
            }
            try {
                profile.with(s.overrides());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        option + " " + s.label() + ": " + e.getMessage());
            }
        }
    }

    /** {@code [cpus, memory]} from {@code a/b} written either way round. */
    private static double[] pair(String item, String option) {
        String[] parts = item.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    option + " " + item + ": a size is CPUS/MIB, e.g. 1/1024 or 0.5/512");
        }
        double a;
        double b;
        try {
            a = Double.parseDouble(parts[0].trim());
            b = Double.parseDouble(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    option
                            + " "
                            + item
                            + ": a size is CPUS/MIB in numbers, e.g. 1/1024 or 0.5/512");
        }
        double cpus = Math.min(a, b);
        double mib = Math.max(a, b);
        if (mib != Math.rint(mib)) {
            throw new IllegalArgumentException(option + " " + item + ": memory is whole MiB");
        }
        return new double[] {cpus, mib};
    }

    /**
     * A CPU count as written, without rounding: 0.0805 stays 0.0805, so a refusal names what was
     * given.
     */
    private static String exact(double cpus) {
        return BigDecimal.valueOf(cpus).stripTrailingZeros().toPlainString();
    }

    private static int whole(String item, String option) {
        try {
            return Integer.parseInt(item);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    option
                            + " "
                            + item
                            + ": memory is whole MiB, e.g. 1024; or CPUS/MIB, e.g. 1/2048");
        }
    }

    private static List<String> items(String list, String option) {
        List<String> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : list.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException(
                        option + " " + list + ": an empty size between commas");
            }
            if (!seen.add(item)) {
                throw new IllegalArgumentException(
                        option + " " + list + ": " + item + " is given twice");
            }
            items.add(item);
        }
        return items;
    }
}
