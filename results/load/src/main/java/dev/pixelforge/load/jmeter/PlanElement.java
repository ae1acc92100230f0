package dev.pixelforge.load.jmeter;

import org.apache.jorphan.collections.HashTree;

import us.abstracta.jmeter.javadsl.core.BuildTreeContext;
import us.abstracta.jmeter.javadsl.core.DslTestPlan;
import us.abstracta.jmeter.javadsl.core.samplers.BaseSampler;

import java.util.function.Supplier;

/**
 * One of the project's own plain JMeter elements (a recorder, a timer, a listener) put into a
 * jmeter-java-dsl plan, under a sampler or under the test plan: a new element each time the plan's
 * tree is built, as JMeter wants. They have no JMeter GUI, so the DSL's "show in GUI" is refused.
 */
record PlanElement(String what, Supplier<?> element)
        implements BaseSampler.SamplerChild, DslTestPlan.TestPlanChild {

    @Override
    public HashTree buildTreeUnder(HashTree parent, BuildTreeContext context) {
        return parent.add(element.get());
    }

    @Override
    public void showInGui() {
        throw new UnsupportedOperationException(what + " has no JMeter GUI");
    }
}
