package dev.pixelforge.load.jmeter;

import org.apache.jmeter.threads.AbstractThreadGroup;
import org.apache.jmeter.threads.openmodel.OpenModelThreadGroup;
import org.apache.jmeter.threads.openmodel.gui.OpenModelThreadGroupGui;

import us.abstracta.jmeter.javadsl.core.threadgroups.BaseThreadGroup;

import java.util.List;

/**
 * Stock JMeter's own open loop, for {@code plan.jmx}: the Open Model Thread Group of core JMeter
 * 5.5+ (experimental there), which starts a thread per arrival on its schedule. jmeter-java-dsl 2.2
 * has no builder for it. It has no thread cap: no arrival waits for a free thread, and nothing
 * limits threads.
 */
final class OpenModelGroup extends BaseThreadGroup<OpenModelGroup> {

    private final String schedule;

    /**
     * {@code schedule} in the group's own syntax, JMeter functions allowed ({@code
     * ${__P(schedule,...)}}).
     */
    OpenModelGroup(String schedule, List<ThreadGroupChild> children) {
        super("load", OpenModelThreadGroupGui.class, children);
        this.schedule = schedule;
    }

    @Override
    protected AbstractThreadGroup buildThreadGroup() {
        OpenModelThreadGroup group = new OpenModelThreadGroup();
        group.setScheduleString(schedule);
        return group;
    }
}
