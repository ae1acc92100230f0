package dev.pixelforge.load.jmeter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pixelforge.load.arrivals.ArrivalRate;
import dev.pixelforge.load.arrivals.Tickets;
import dev.pixelforge.load.profile.Operation;

import org.apache.jmeter.engine.util.CompoundVariable;
import org.apache.jmeter.extractor.RegexExtractor;
import org.apache.jmeter.processor.PostProcessor;
import org.apache.jmeter.protocol.http.control.HeaderManager;
import org.apache.jmeter.reporters.ResultCollector;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.timers.ConstantTimer;
import org.apache.jmeter.timers.Timer;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.ListedHashTree;
import org.apache.jorphan.collections.SearchByClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import us.abstracta.jmeter.javadsl.core.BuildTreeContext;
import us.abstracta.jmeter.javadsl.core.DslTestPlan;
import us.abstracta.jmeter.javadsl.core.engines.JmeterEnvironment;

import java.io.IOException;
import java.util.ArrayList;
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
                1,
                count(
                        LoadPlan.embedded(Operation.TONE, false, null, () -> {}, tickets),
                        Timer.class));
        assertEquals(
                1,
                count(
                        LoadPlan.embedded(Operation.TONE, false, null, () -> {}, tickets),
                        ArrivalTimer.class));
        for (DslTestPlan closed :
                List.of(
                        LoadPlan.embedded(Operation.TONE, false, null, () -> {}),
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
                        LoadPlan.forStockJmeter(
                                Operation.TONE_JSON, ArrivalRate.parse("20", 30), false),
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

    private static List<String> headerNames(DslTestPlan plan) {
        ListedHashTree tree = new ListedHashTree();
        new BuildTreeContext().buildTreeFor(plan, tree);
        SearchByClass<HeaderManager> search = new SearchByClass<>(HeaderManager.class);
        tree.traverse(search);
        List<String> names = new ArrayList<>();
        for (HeaderManager m : search.getSearchResults()) {
            for (int i = 0; i < m.size(); i++) {
                names.add(m.get(i).getName());
            }
        }
        return names;
    }

    @Test
    void credentialHeader_onlyWhenAsked_namedByProperties_inEveryVariant() {
        String credential = "${__P(auth_header,X-PixelForge-Access)}";
        assertEquals(List.of("Content-Type"), headerNames(LoadPlan.bare(Operation.TONE_JSON)));
        assertEquals(
                List.of("Content-Type"),
                headerNames(LoadPlan.forStockJmeter(Operation.TONE_JSON, null, false)));
        assertEquals(
                List.of("Content-Type", credential),
                headerNames(LoadPlan.bare(Operation.TONE_JSON, true)));
        assertEquals(
                List.of("Content-Type", credential),
                headerNames(LoadPlan.forStockJmeter(Operation.TONE, null, true)));
        assertEquals(
                List.of("Content-Type", credential),
                headerNames(LoadPlan.embedded(Operation.GENERATE, true, null, () -> {})));
    }

    @Test
    void credentialHeader_resolvesInJmeter_toTheValueOfThePropertyItNames_orToPublic() {
        assertEquals("X-PixelForge-Access", new CompoundVariable(Credential.HEADER_NAME).execute());
        assertEquals("public", new CompoundVariable(Credential.HEADER_VALUE).execute());
        Credential key = Credential.apiKey("aws-lambda.api-key", "k3yK3yK3yK3yK3yK3yK3y");
        Credential token = Credential.bearer("container.id-token", "eyJ.token.sig");
        try {
            key.properties().forEach(JMeterUtils::setProperty);
            assertEquals("x-api-key", new CompoundVariable(Credential.HEADER_NAME).execute());
            assertEquals(
                    "k3yK3yK3yK3yK3yK3yK3y",
                    new CompoundVariable(Credential.HEADER_VALUE).execute());
            token.properties().forEach(JMeterUtils::setProperty);
            assertEquals("Authorization", new CompoundVariable(Credential.HEADER_NAME).execute());
            assertEquals(
                    "Bearer eyJ.token.sig",
                    new CompoundVariable(Credential.HEADER_VALUE).execute());
        } finally {
            for (String k :
                    List.of(
                            "auth_header",
                            "auth_secret",
                            "aws-lambda.api-key",
                            "container.id-token")) {
                JMeterUtils.getJMeterProperties().remove(k);
            }
        }
        // Its description names the header and the secret, never the value.
        assertEquals("x-api-key: <aws-lambda.api-key, not shown>", key.toString());
    }

    @Test
    void recordingEngine_addsNoStatisticsListener() {
        ListedHashTree tree = new ListedHashTree();

        new RecordingEngine().addStatsCollector(tree, null);

        assertEquals(0, tree.size(), "the recorder is the run's statistics");
    }
}
