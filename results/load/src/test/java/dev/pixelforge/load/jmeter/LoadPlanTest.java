package dev.pixelforge.load.jmeter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.load.arrivals.ArrivalRate;
import dev.pixelforge.load.arrivals.Tickets;
import dev.pixelforge.load.profile.Operation;

import org.apache.jmeter.extractor.RegexExtractor;
import org.apache.jmeter.processor.PostProcessor;
import org.apache.jmeter.reporters.ResultCollector;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.timers.ConstantTimer;
import org.apache.jmeter.timers.Timer;
import org.apache.jorphan.collections.ListedHashTree;
import org.apache.jorphan.collections.SearchByClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import us.abstracta.jmeter.javadsl.core.BuildTreeContext;
import us.abstracta.jmeter.javadsl.core.DslTestPlan;
import us.abstracta.jmeter.javadsl.core.engines.JmeterEnvironment;

import java.io.IOException;
import java.util.List;

/**
 * What runs after each request in each variant of the plan, read from the JMeter tree it builds.
 */
class LoadPlanTest {

    @BeforeAll
    static void jmeterProperties() throws IOException {
        new JmeterEnvironment(); // the test elements read JMeter's properties as they are built
    }

    private static <T> int count(DslTestPlan plan, Class<T> type) {
        return find(plan, type).size();
    }

    private static <T> List<T> find(DslTestPlan plan, Class<T> type) {
        ListedHashTree tree = new ListedHashTree();
        new BuildTreeContext().buildTreeFor(plan, tree);
        SearchByClass<T> search = new SearchByClass<>(type);
        tree.traverse(search);
        return List.copyOf(search.getSearchResults());
    }

    @Test
    void embedded_hasNoRegexExtractor_onlyTheRecorder() {
        for (Operation op : Operation.values()) {
            DslTestPlan plan = LoadPlan.embedded(op, null);
            assertEquals(
                    0,
                    count(plan, RegexExtractor.class),
                    op + ": the recorder reads the headers itself");
            assertEquals(1, count(plan, PostProcessor.class), op + ": the recorder, nothing else");
            assertEquals(
                    0,
                    count(plan, ResultCollector.class),
                    op + ": a JTL writer only when asked for");
        }
    }

    @Test
    void embeddedOpenLoop_hasOnlyItsArrivalTimer_closedLoopOnlyTheThinkTime() {
        Tickets tickets = new Tickets(ArrivalRate.parse("20", 30));
        assertEquals(
                1, count(LoadPlan.embedded(Operation.TONE, null, () -> {}, tickets), Timer.class));
        assertEquals(
                1,
                count(
                        LoadPlan.embedded(Operation.TONE, null, () -> {}, tickets),
                        ArrivalTimer.class));
        for (DslTestPlan closed :
                List.of(
                        LoadPlan.embedded(Operation.TONE, null, () -> {}),
                        LoadPlan.forStockJmeter(Operation.TONE_JSON),
                        LoadPlan.bare(Operation.GENERATE))) {
            List<ConstantTimer> timers = find(closed, ConstantTimer.class);
            assertEquals(1, count(closed, Timer.class));
            assertEquals(1, timers.size());
            assertEquals("${__P(think_ms,0)}", timers.get(0).getDelay());
        }
        assertEquals(
                0,
                count(
                        LoadPlan.forStockJmeter(Operation.TONE_JSON, ArrivalRate.parse("20", 30)),
                        ConstantTimer.class),
                "open loop: the schedule sends, no think time");
    }

    @Test
    void forStockJmeter_keepsTheFourHeaderExtractors() {
        DslTestPlan plan = LoadPlan.forStockJmeter(Operation.TONE_JSON);
        assertEquals(LoadPlan.VARIABLES.size(), count(plan, RegexExtractor.class));
        assertEquals(
                LoadPlan.VARIABLES.size(), count(plan, PostProcessor.class), "and nothing else");
    }

    @Test
    void bare_hasNothingAfterEachRequest() {
        DslTestPlan plan = LoadPlan.bare(Operation.TONE_JSON);
        assertEquals(0, count(plan, RegexExtractor.class));
        assertEquals(0, count(plan, PostProcessor.class));
        assertEquals(0, count(plan, SampleListener.class), "no listener of any kind");
    }

    @Test
    void recordingEngine_addsNoStatisticsListener() {
        ListedHashTree tree = new ListedHashTree();

        new RecordingEngine().addStatsCollector(tree, null);

        assertEquals(0, tree.size(), "the recorder is the run's statistics");
    }
}
