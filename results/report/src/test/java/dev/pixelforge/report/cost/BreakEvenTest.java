package dev.pixelforge.report.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

/** The monthly lines and their crossings, by hand, on round figures. */
class BreakEvenTest {

    private static final double MONTH = 2_592_000; // 30 x 86,400 s

    @Test
    void lambda_isItsCostPerRequest_timesAMonthOfRequests() {
        MonthlyCost m =
                MonthlyCost.of(
                        new CostEstimate("aws-lambda", 100, 1024, 1, 5.0, ""),
                        3,
                        true,
                        new Properties());
        // 5 USD per million = 5e-6 a request; at 10 req/s: 25,920,000 requests = 129.60 USD; min
        // instances ignored
        assertEquals(0, m.fixedUsdPerMonth(), 0);
        assertEquals(129.6, m.at(10), 1e-9);
    }

    @Test
    void cloudRun_billsMinInstancesIdleAllMonth_atTheIdleRates() {
        Properties prices = new Properties();
        prices.setProperty("gcp.idle-min-instance-vcpu-second", "0.000002");
        prices.setProperty("gcp.idle-min-instance-gib-second", "0.000001");
        MonthlyCost m =
                MonthlyCost.of(
                        new CostEstimate("container", 50, 2048, 2, 1.0, ""), 1, true, prices);
        // 1 x 2,592,000 s x (2 x 0.000002 + 2 x 0.000001) = 15.552 USD; + 1e-6 x 2,592,000 per
        // req/s
        assertEquals(15.552, m.fixedUsdPerMonth(), 1e-9);
        assertEquals(15.552 + 2.592, m.at(1), 1e-9);
    }

    @Test
    void linesCross_whereTheFixedPartIsPaidBack_theFlatterCheaperAbove() {
        MonthlyCost lambda = new MonthlyCost("aws-lambda", 4e-6, 0, "");
        MonthlyCost container = new MonthlyCost("container", 1e-6, 2 * 0.000005 * MONTH, "");
        // 25.92 = (4e-6 - 1e-6) x 2,592,000 x r  ->  r = 25.92 / 7.776 = 3.333... req/s
        BreakEven b = BreakEven.all(List.of(lambda, container), 1, 1000).get(0);
        assertEquals("container", b.cheaperAbove());
        assertEquals(10 / 3.0, b.requestsPerSecond(), 1e-9);
        assertEquals("container cheaper than aws-lambda above 3.33 req/s", b.sentence());
    }

    @Test
    void linesThatCrossOutsideTheRange_sayNever_andWhichIsCheaperThroughout() {
        MonthlyCost lambda = new MonthlyCost("aws-lambda", 4e-6, 0, "");
        MonthlyCost container = new MonthlyCost("container", 3.9e-6, 1000, "");
        // 1000 / (0.1e-6 x 2,592,000) = 3,858 req/s, beyond 1,000: Lambda cheaper from 1 to 1,000
        BreakEven b = BreakEven.all(List.of(lambda, container), 1, 1000).get(0);
        assertFalse(b.crosses());
        assertEquals(
                "aws-lambda and container: never between 1 and 1,000 req/s (aws-lambda cheaper or"
                        + " equal throughout)",
                b.sentence());
    }

    @Test
    void pairs_containerFirst_thenFunction_thenLambda() {
        List<BreakEven> all =
                BreakEven.all(
                        List.of(
                                new MonthlyCost("aws-lambda", 1e-6, 0, ""),
                                new MonthlyCost("gcp-function", 2e-6, 0, ""),
                                new MonthlyCost("container", 3e-6, 0, "")),
                        1,
                        1000);
        assertEquals(
                List.of(
                        "container/gcp-function",
                        "container/aws-lambda",
                        "gcp-function/aws-lambda"),
                all.stream()
                        .map(
                                b ->
                                        b.other().equals("container")
                                                        || b.cheaperAbove().equals("container")
                                                ? "container/"
                                                        + (b.other().equals("container")
                                                                ? b.cheaperAbove()
                                                                : b.other())
                                                : "gcp-function/aws-lambda")
                        .toList());
    }

    @Test
    void logRates_runFromOneToAThousand_evenlyOnALogScale() {
        double[] r = MonthlyCost.logRates(1, 1000, 4);
        assertEquals(1, r[0], 1e-12);
        assertEquals(10, r[1], 1e-9);
        assertEquals(100, r[2], 1e-9);
        assertEquals(1000, r[3], 1e-9);
    }
}
