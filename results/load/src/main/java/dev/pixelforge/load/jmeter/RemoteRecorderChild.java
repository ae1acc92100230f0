package dev.pixelforge.load.jmeter;

import dev.pixelforge.load.engines.RemoteRecorder;
import org.apache.jorphan.collections.HashTree;
import us.abstracta.jmeter.javadsl.core.BuildTreeContext;
import us.abstracta.jmeter.javadsl.core.DslTestPlan;

/** Puts the controller's {@link RemoteRecorder} under a jmeter-java-dsl test plan, as a listener of the whole plan. */
record RemoteRecorderChild(RemoteRecorder recorder) implements DslTestPlan.TestPlanChild {

    @Override
    public HashTree buildTreeUnder(HashTree parent, BuildTreeContext context) {
        return parent.add(recorder);
    }

    @Override
    public void showInGui() {
        throw new UnsupportedOperationException("the recorder has no JMeter GUI");
    }
}
