package dev.pixelforge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

/** What the report says of a run on remote JMeter engines, from its run.properties alone. */
class EngineWarningsTest {

    private static Properties distributed() {
        Properties p = new Properties();
        p.setProperty("engines", "127.0.0.1:1099,10.0.1.6:1099");
        p.setProperty(
                "engine-threads",
                "3 threads over 2 engines, uneven: 2 on 127.0.0.1:1099, 1 on 10.0.1.6:1099");
        return p;
    }

    @Test
    void embeddedRun_saysNothingOfEngines() {
        assertEquals(List.of(), ReportWriter.engineWarnings(new Properties()));
    }

    @Test
    void distributedRun_saysHowTheThreadsWereDivided_andWhoseCpuTheClientRowsAre() {
        List<String> said = ReportWriter.engineWarnings(distributed());
        assertEquals(1, said.size(), said.toString());
        assertTrue(
                said.get(0)
                        .contains(
                                "(3 threads over 2 engines, uneven: 2 on 127.0.0.1:1099, 1 on"
                                        + " 10.0.1.6:1099)"),
                said.get(0));
        assertTrue(said.get(0).contains("The load client rows are the controller's"), said.get(0));
    }

    @Test
    void anEngineAtItsCpuLimit_isNamed_andAnUnwatchedOneIsSaid() {
        Properties p = distributed();
        p.setProperty(
                "engine-cpu.container.127.0.0.1:1099", "91% of 2 cores: engine-bound, add engines");
        p.setProperty(
                "engine-cpu.container.10.0.1.6:1099",
                "engine CPU not watched (on another machine)");
        List<String> said = ReportWriter.engineWarnings(p);
        assertEquals(3, said.size(), said.toString());
        assertEquals(
                "container: engine 127.0.0.1:1099 used 91% of 2 cores: engine-bound, add engines"
                    + " (at 85% or more of its cores the engine, not the target, set the pace).",
                said.get(1));
        assertTrue(
                said.get(2).startsWith("Engine CPU not watched for container.10.0.1.6:1099:"),
                said.get(2));
    }

    @Test
    void anEngineBelowItsCpuLimit_isNotWarnedOf() {
        Properties p = distributed();
        p.setProperty("engine-cpu.container.127.0.0.1:1099", "40% of 2 cores");
        assertEquals(1, ReportWriter.engineWarnings(p).size());
    }
}
