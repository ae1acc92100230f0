package dev.pixelforge.load.engines;

import org.apache.jmeter.samplers.Remoteable;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.TestStateListener;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The controller's one listener in a distributed run. Remoteable, so JMeter's client wraps it
 * ({@code ConvertListeners}) and every engine sends it its samples through a sample sender; not a
 * TestElement, so the client's tree cloner hands the same object to every engine and it never
 * leaves this JVM (the engines hold a stub). It is also how the run knows the engines are done: an
 * engine's {@code testEnded(host)} comes after its sender's last batch.
 */
public final class RemoteRecorder implements SampleListener, TestStateListener, Remoteable {

    private final BiConsumer<SampleResult, String> record;
    private final EngineOfSample engineOf;
    private final CountDownLatch running;
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> threadsByEngine = new ConcurrentHashMap<>();

    /**
     * {@code record}: each sample with its engine's id, on an RMI thread (several at once with
     * several engines).
     */
    public RemoteRecorder(
            int engines, EngineOfSample engineOf, BiConsumer<SampleResult, String> record) {
        this.record = record;
        this.engineOf = engineOf;
        this.running = new CountDownLatch(engines);
    }

    @Override
    public void sampleOccurred(SampleEvent e) {
        SampleResult r = e.getResult();
        String engine = engineOf.of(r.getThreadName());
        threadsByEngine
                .computeIfAbsent(engine, k -> ConcurrentHashMap.newKeySet())
                .add(r.getThreadName());
        record.accept(r, engine);
    }

    /**
     * How many distinct threads each engine sent samples from: what it really ran, against its
     * share.
     */
    public Map<String, Integer> threadsSeen() {
        Map<String, Integer> out = new TreeMap<>();
        threadsByEngine.forEach((engine, names) -> out.put(engine, names.size()));
        return out;
    }

    @Override
    public void testEnded(String host) {
        if (ended.add(host)) { // an engine says it once; counted once however it is said
            running.countDown();
        }
    }

    /** True once every engine has ended within {@code seconds}. */
    boolean awaitEnd(long seconds) throws InterruptedException {
        return running.await(seconds, TimeUnit.SECONDS);
    }

    Set<String> ended() {
        return Set.copyOf(ended);
    }

    @Override
    public void sampleStarted(SampleEvent e) {
        // JMeter's sample senders never forward it
    }

    @Override
    public void sampleStopped(SampleEvent e) {
        // as sampleStarted
    }

    @Override
    public void testStarted() {
        // the controller-side calls: nothing to do, the engines' own come as testStarted(host)
    }

    @Override
    public void testStarted(String host) {
        // the window opens with the first sample, not here: an engine starts its threads after this
    }

    @Override
    public void testEnded() {
        // as testStarted()
    }
}
