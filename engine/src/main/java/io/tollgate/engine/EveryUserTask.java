package io.tollgate.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * Appends task listeners to every user task of every process the engine parses, after the model's own listeners
 * (a post-BPMN parse listener); for process engine plugins, from {@code preInit}.
 */
public final class EveryUserTask {

    /** Makes the listener for one user task of the process {@code processKey} (null if unknown). */
    @FunctionalInterface
    public interface ListenerFactory {
        TaskListener listenerFor(String processKey);
    }

    private EveryUserTask() {
    }

    public static void listen(ProcessEngineConfigurationImpl configuration, List<String> eventNames,
                              ListenerFactory factory) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                // the parsed definition is the repository's entity, whose key is set before its activities are parsed
                String processKey = activity.getProcessDefinition() instanceof ProcessDefinition definition
                        ? definition.getKey() : null;
                TaskListener listener = factory.listenerFor(processKey);
                eventNames.forEach(event -> ((UserTaskActivityBehavior) activity.getActivityBehavior())
                        .getTaskDefinition().addTaskListener(event, listener));
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
