package dev.pixelforge.load.jmeter;

import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.processor.PostProcessor;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.threads.JMeterContext;
import org.apache.jmeter.threads.JMeterContextService;

/**
 * The recorder as a plain JMeter post-processor, one instance for every thread (the recorder is
 * thread-safe, so NoThreadClone). Not jmeter-java-dsl's lambda post-processor: that one is a
 * TestBean, which JMeter re-prepares through bean introspection before every sample, and it builds
 * a logger and a variables object per call; this one only reads the thread's previous result.
 */
final class RecordingPostProcessor extends AbstractTestElement
        implements PostProcessor, NoThreadClone {

    private final transient SampleRecorder recorder;

    RecordingPostProcessor(SampleRecorder recorder) {
        this.recorder = recorder;
        setName("pixelforge recorder");
    }

    @Override
    public void process() {
        JMeterContext context = JMeterContextService.getContext();
        recorder.record(context.getPreviousResult(), context.getVariables());
    }
}
