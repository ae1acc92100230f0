package dev.pixelforge.report.sweep;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sweep.csv}: a row per target and size, cloud-equivalent milliseconds (a dilated step's
 * times divided by its k, given in {@code dilation}); {@code sweep-images.csv}: a row per target,
 * size and image, the median process time, where CPU-bound images show what each CPU share buys.
 */
final class SweepCsv {

    private SweepCsv() {}

    static String render(List<SizePoint> points) {
        StringBuilder csv =
                new StringBuilder(
                        String.join(
                                        ",",
                                        "target",
                                        "size",
                                        "measured",
                                        "vcpu",
                                        "memory_mib",
                                        "dilation",
                                        "samples",
                                        "goodput_rps",
                                        "round_trip_p50_ms",
                                        "round_trip_p95_ms",
                                        "process_p50_ms",
                                        "process_p50_low_ms",
                                        "process_p50_high_ms",
                                        "process_p95_ms",
                                        "cold_round_trip_p50_ms",
                                        "usd_per_million",
                                        "largest_image",
                                        "largest_image_process_p50_ms")
                                + "\n");
        for (SizePoint p : points) {
            double[] ci = p.processP50Interval();
            csv.append(
                            String.join(
                                    ",",
                                    p.target(),
                                    quoted(p.size()),
                                    p.measured(),
                                    num(p.vcpus()),
                                    Integer.toString(p.memoryMib()),
                                    num(p.dilation()),
                                    Long.toString(p.samples()),
                                    num(p.goodputRps()),
                                    num(p.roundTripP50()),
                                    num(p.roundTripP95()),
                                    num(p.processP50()),
                                    ci == null ? "" : num(ci[0]),
                                    ci == null ? "" : num(ci[1]),
                                    num(p.processP95()),
                                    num(p.coldRoundTripP50()),
                                    p.priced()
                                            ? String.format(Locale.ROOT, "%.6f", p.usdPerMillion())
                                            : "",
                                    p.largestImage() == null ? "" : p.largestImage().getKey(),
                                    p.largestImage() == null
                                            ? ""
                                            : num(p.largestImage().getValue())))
                    .append('\n');
        }
        return csv.toString();
    }

    static String images(List<SizePoint> points) {
        StringBuilder csv = new StringBuilder("target,size,vcpu,image,process_p50_ms\n");
        for (SizePoint p : points) {
            for (Map.Entry<String, Double> i : p.imageProcessP50().entrySet()) {
                csv.append(
                                String.join(
                                        ",",
                                        p.target(),
                                        quoted(p.size()),
                                        num(p.vcpus()),
                                        i.getKey(),
                                        num(i.getValue())))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    private static String quoted(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }
}
