package dev.pixelforge.load.jmeter;

import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.processor.PreProcessor;
import org.apache.jmeter.testelement.AbstractTestElement;

/**
 * A plain JMeter pre-processor running one thread-safe action before every request, shared by all
 * threads (NoThreadClone): as {@link RecordingPostProcessor}, not jmeter-java-dsl's lambda
 * pre-processor, which JMeter re-prepares by bean introspection before every sample.
 */
final class BeforeRequest extends AbstractTestElement implements PreProcessor, NoThreadClone {

    private final transient Runnable action;

    BeforeRequest(Runnable action) {
        this.action = action;
        setName("pixelforge before each request");
    }

    @Override
    public void process() {
        action.run();
    }
}
