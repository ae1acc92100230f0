package dev.pixelforge.report.format;

import dev.pixelforge.report.cost.CostEstimate;
import dev.pixelforge.report.summary.RunSummary;

import java.util.Locale;

/** The sentences around the cost figures, one wording for the Markdown and the HTML report. */
final class CostNotes {

    /** What the estimates are, and the price file they come from. */
    static String estimates(RunSummary run) {
        return "Estimated US dollars per million requests like this run's, as each cloud bills"
                + " them, from the run's measured figures (named per target below) and the unit"
                + " prices of "
                + run.pricesAsOf()
                + " (the run folder's pricing.properties, a copy of results/pricing.properties):"
                + " on-demand, US regions, no free tier, no discounts.";
    }

    /** The monthly chart's model and its limits. */
    static String monthlyModel() {
        return "Monthly cost (USD, 30-day month) at a steady rate of 1 to 1,000 requests/s, from"
                + " this run's per-request figures: Lambda and API Gateway bill per request, so"
                + " their line is the cost per request x requests; Cloud Run and Cloud Functions"
                + " on request-based billing bill instance time, taken at the run's measured"
                + " requests per billable instance-second, plus any min instances billed idle"
                + " for the whole month at the idle min-instance rates. Limits: a container's"
                + " cost per request stays constant beyond one instance only if its instances"
                + " stay as busy as they were in the run (more concurrency sharing an instance"
                + " makes it cheaper, less makes it dearer); min instances are billed idle all"
                + " month even while they serve, so their fixed part is an upper bound; cold"
                + " starts come as often per request as in the run; free tiers, Lambda"
                + " provisioned concurrency is left out, and min instances are billed at the"
                + " idle request-based rate even on instance-based billing.";
    }

    /** Data out per million responses, two decimals; "not priced" when the run had no sizes. */
    static String egress(CostEstimate c) {
        return c.egress() == null
                ? "not priced"
                : String.format(Locale.ROOT, "%.2f", c.egressPerMillionUsd());
    }

    /** How compute was reached, then how data out was, so each figure names its prices. */
    static String basis(CostEstimate c) {
        return c.egress() == null ? c.basis() : c.basis() + "; egress: " + c.egress().basis();
    }

    private CostNotes() {}
}
