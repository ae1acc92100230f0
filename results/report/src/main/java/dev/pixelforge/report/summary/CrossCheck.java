package dev.pixelforge.report.summary;

import dev.pixelforge.platform.run.RunLayout;
import dev.pixelforge.report.cloud.CloudMetric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One count a run knows two ways, side by side: from the client's samples and from the platform
 * (its metrics, its log lines, or the local stand-ins' own counters). On the stand-ins they must
 * agree exactly; on a cloud they may differ for a reason (a request the client lost before it
 * reached the platform, someone else's traffic), and the report shows by how much.
 *
 * @param claim what ought to hold, in words
 * @param expected the count on the left of the claim
 * @param observed the count on its right
 * @param source where the right-hand count comes from
 */
public record CrossCheck(String target, String claim, long expected, long observed, String source) {

    public boolean agrees() {
        return expected == observed;
    }

    /**
     * Every check the run's data allows. {@code standinCounters}: the stand-ins' own counters from
     * {@code cloud/standins.properties} ("throttles.<target>"), empty for deployed targets.
     */
    public static List<CrossCheck> of(
            List<TargetSummary> targets,
            List<CloudMetric> cloud,
            Map<String, Long> standinCounters) {
        List<CrossCheck> out = new ArrayList<>();
        for (TargetSummary t : targets) {
            String id = t.target();
            if (t.resources().known()) {
                out.add(
                        new CrossCheck(
                                id,
                                "cold starts in the samples = instances that served a request",
                                t.coldStarts(),
                                t.resources().serving(),
                                RunLayout.INSTANCES));
            }
            Long refused = standinCounters.get("throttles." + id);
            if (refused != null) {
                out.add(
                        new CrossCheck(
                                id,
                                "throttles in the samples = requests the stand-ins refused",
                                t.allThrottles(),
                                refused,
                                "stand-ins' counters"));
            }
            if (id.equals("aws-lambda")) {
                Optional<Long> reports = value(cloud, id, "REPORT lines", "invocations", "count");
                reports.ifPresent(
                        n ->
                                out.add(
                                        new CrossCheck(
                                                id,
                                                "requests not throttled = REPORT lines",
                                                t.allRequests() - t.allThrottles(),
                                                n,
                                                "REPORT lines")));
                Optional<Long> invocations = value(cloud, id, "CloudWatch", "Invocations", "sum");
                if (reports.isPresent() && invocations.isPresent()) {
                    out.add(
                            new CrossCheck(
                                    id,
                                    "REPORT lines = CloudWatch Invocations",
                                    reports.get(),
                                    invocations.get(),
                                    "CloudWatch"));
                }
                value(cloud, id, "CloudWatch", "Throttles", "sum")
                        .ifPresent(
                                n ->
                                        out.add(
                                                new CrossCheck(
                                                        id,
                                                        "throttles in the samples = CloudWatch"
                                                                + " Throttles",
                                                        t.allThrottles(),
                                                        n,
                                                        "CloudWatch")));
            } else {
                value(cloud, id, "Cloud Monitoring", "request_count", "sum")
                        .ifPresent(
                                n ->
                                        out.add(
                                                new CrossCheck(
                                                        id,
                                                        "samples = Cloud Monitoring request_count",
                                                        t.allRequests(),
                                                        n,
                                                        "Cloud Monitoring")));
            }
        }
        return out;
    }

    private static Optional<Long> value(
            List<CloudMetric> cloud,
            String target,
            String source,
            String metric,
            String statistic) {
        return cloud.stream()
                .filter(
                        m ->
                                m.target().equals(target)
                                        && m.source().equals(source)
                                        && m.metric().equals(metric)
                                        && m.statistic().equals(statistic))
                .map(m -> Math.round(m.value()))
                .findFirst();
    }
}
