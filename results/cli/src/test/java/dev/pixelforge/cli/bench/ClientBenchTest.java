package dev.pixelforge.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The client bench's arithmetic and the outputs it reads: bash's times, JMeter's summariser, the
 * last line.
 */
class ClientBenchTest {

    @Test
    void childrenCpuNanos_isTheSecondLineOfTimes_userPlusSystem() {
        assertEquals(
                61_500_000_000L + 2_250_000_000L,
                ChildCpu.childrenCpuNanos("0m0.003s 0m0.001s\n1m1.500s 0m2.250s\n"));
    }

    @Test
    void childrenCpuNanos_refusesAnythingElse() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ChildCpu.childrenCpuNanos("0m0.003s 0m0.001s\n"));
        assertThrows(IllegalArgumentException.class, () -> ChildCpu.childrenCpuNanos("a\nb\n"));
    }

    @Test
    void summary_isTheSummarisersLastCumulativeLine() {
        String out =
                "summary +  30000 in 00:00:10 = 3000.0/s Avg:     6 Min:     0 Max:   116 Err:    "
                        + " 0 (0.00%) Active: 20\n"
                        + "summary =  46093 in 00:00:15 = 3071.9/s Avg:     6 Min:     0 Max:   116"
                        + " Err:     0 (0.00%)\n"
                        + "Tidying up ...\n";

        assertEquals(new StockJmeter.Summary(46_093, 3071.9), StockJmeter.summary(out));
    }

    @Test
    void summary_withoutOne_fails() {
        assertThrows(
                IllegalStateException.class, () -> StockJmeter.summary("Error in NonGUIDriver\n"));
    }

    @Test
    void lastLine_namesTheThreeRatesAndBothRatios() {
        ClientRun embedded = new ClientRun("embedded", 60_000, 15.0, 1, "");
        ClientRun stock = new ClientRun("stock", 45_000, 15.0, 1, "");
        ClientRun wrk = new ClientRun("wrk", 240_000, 15.0, 1, "");

        assertEquals(
                "client: embedded 4000 req/s, stock JMeter 3000 req/s, wrk 16000 req/s,"
                        + " embedded/stock 1.33x, embedded/wrk 0.25x",
                ClientRun.summary(embedded, stock, wrk));
        assertEquals(250.0, new ClientRun("x", 4, 1.0, 1_000_000, "").cpuMicrosPerRequest());
    }
}
