package dev.pixelforge.load.engines;

import org.apache.jmeter.engine.ClientJMeterEngine;
import org.apache.jmeter.engine.JMeterEngineException;
import org.apache.jmeter.reporters.ResultCollector;
import org.apache.jorphan.collections.HashTree;

import us.abstracta.jmeter.javadsl.core.TestPlanStats;
import us.abstracta.jmeter.javadsl.core.engines.BaseTestStopper;
import us.abstracta.jmeter.javadsl.core.engines.DistributedJmeterEngine;
import us.abstracta.jmeter.javadsl.core.engines.EmbeddedJmeterEngine;
import us.abstracta.jmeter.javadsl.core.engines.TestStopper;

import java.rmi.ConnectException;
import java.rmi.ConnectIOException;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * jmeter-java-dsl's {@link DistributedJmeterEngine}, as PixelForge needs it: JMeter's own {@link
 * ClientJMeterEngine} per remote engine, as the DSL's runs them, with three differences. Each
 * engine gets JMeter properties of its own ({@code rsetProperties}): the plan's {@code
 * __P(threads)} is that engine's share, where the DSL's engine sends none, so the plan's {@code
 * __P(host)} and its siblings would fall to their defaults. An engine that is busy with another
 * test or unreachable fails the run with an {@link EngineException} (the DSL's waits for it
 * forever). And there is no statistics collector nor summariser: each would be one more remote
 * listener, so every sample would cross the network once more; {@link RemoteRecorder} keeps
 * everything.
 */
public final class RemoteEngines extends EmbeddedJmeterEngine {

    private final ThreadShares shares;
    private final Map<String, String> common;
    private final RemoteRecorder recorder;
    private final long timeoutSeconds;
    private final List<ClientJMeterEngine> started =
            new java.util.concurrent
                    .CopyOnWriteArrayList<>(); // the stopper may run on another thread

    /**
     * {@code common}: the JMeter properties every engine gets; {@code threads} is set per engine
     * from {@code shares}.
     */
    public RemoteEngines(
            ThreadShares shares,
            Map<String, String> common,
            RemoteRecorder recorder,
            long timeoutSeconds) {
        this.shares = shares;
        this.common = common;
        this.recorder = recorder;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    protected void addStatsCollector(HashTree testPlanTree, TestPlanStats stats) {
        // deliberately nothing: see the class comment
    }

    @Override
    protected BaseTestStopper buildTestStopper() {
        return new BaseTestStopper() {
            @Override
            protected void stopTestExecution() {
                stopAll();
            }
        };
    }

    @Override
    protected TestRunner buildTestRunner(
            HashTree testPlanTree, HashTree rootTree, TestStopper testStopper) {
        for (Object key : new ArrayList<>(testPlanTree.list())) {
            // The DSL's summariser: the only ResultCollector at the top of this plan (see the class
            // comment).
            if (key instanceof ResultCollector) {
                testPlanTree.remove(key);
            }
        }
        List<ClientJMeterEngine> engines = new ArrayList<>();
        for (Map.Entry<EngineAddress, Integer> share : shares.threads().entrySet()) {
            ClientJMeterEngine engine = connect(share.getKey());
            engine.configure(
                    rootTree); // a clone of the tree per engine; the recorder is shared, not cloned
            // (not a TestElement)
            Properties p = new Properties();
            p.putAll(common);
            p.setProperty("threads", Integer.toString(share.getValue()));
            engine.setProperties(p);
            engines.add(engine);
        }
        return new TestRunner() {
            @Override
            protected void runTest() {
                // A controller stopped mid-run (Ctrl-C) stops its engines' test too, or they would
                // answer
                // "Engine is busy" to the next run until their windows ended.
                Thread stopEngines = new Thread(RemoteEngines.this::stopAll, "stop-remote-engines");
                Runtime.getRuntime().addShutdownHook(stopEngines);
                try {
                    runOnEngines();
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(stopEngines);
                    } catch (IllegalStateException shuttingDown) {
                        // the JVM is exiting: the hook runs, and that is what it is for
                    }
                }
            }

            private void runOnEngines() {
                for (int i = 0; i < engines.size(); i++) {
                    start(engines.get(i), shares.engines().get(i));
                }
                try {
                    if (!recorder.awaitEnd(timeoutSeconds)) {
                        stopAll();
                        throw new EngineException(
                                "the engines did not all end within "
                                        + timeoutSeconds
                                        + " s: only "
                                        + recorder.ended()
                                        + " of "
                                        + shares.engines().stream().map(EngineAddress::id).toList()
                                        + " did (an engine may have died: see its console)");
                    }
                } catch (InterruptedException e) {
                    stopAll();
                    Thread.currentThread().interrupt();
                    // Not a finished window: say so rather than let the run record a partial one as
                    // whole.
                    throw new EngineException(
                            "interrupted while the engines ran; their test was stopped", e);
                }
            }

            @Override
            public void stop() {
                testStopper.stop(null);
            }
        };
    }

    private static ClientJMeterEngine connect(EngineAddress address) {
        try {
            return new ClientJMeterEngine(address.id());
        } catch (ConnectException e) {
            throw new EngineException(
                    "no JMeter engine answers on "
                            + address.id()
                            + " ("
                            + e.getCause()
                            + "): start one there with"
                            + " ./pixelforge engine --port "
                            + address.port()
                            + ", and open its ports",
                    e);
        } catch (ConnectIOException e) {
            throw new EngineException(
                    "the JMeter engine on "
                            + address.id()
                            + " does not speak RMI as this controller does ("
                            + e.getMessage()
                            + "): SSL on at one end and off at the other? An engine started with"
                            + " --no-ssl goes with compare --no-engine-ssl",
                    e);
        } catch (RemoteException | NotBoundException e) {
            throw new EngineException(
                    "cannot reach the JMeter engine on " + address.id() + ": " + e, e);
        }
    }

    private void start(ClientJMeterEngine engine, EngineAddress address) {
        try {
            engine.runTest(); // rconfigure, rsetProperties, rrunTest
            started.add(engine);
        } catch (IllegalStateException | JMeterEngineException e) {
            stopAll();
            String why = String.valueOf(e.getMessage());
            throw new EngineException(
                    why.contains("Engine is busy")
                            ? "the JMeter engine on "
                                    + address.id()
                                    + " is busy with another test (\"Engine is busy\"): wait for"
                                    + " that test to end, or restart the engine"
                            : "the JMeter engine on "
                                    + address.id()
                                    + " did not start the test: "
                                    + why,
                    e);
        }
    }

    /** Stops what was started, so that no engine is left busy with this run. */
    private void stopAll() {
        started.forEach(e -> e.stopTest(true));
    }
}
