package io.tollgate.engine.deployment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.tollgate.engine.deployment.RequestProcesses;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A ticket's or tree change's process is started by Tollgate alone: a process of {@code sqlTicket} or
 * {@code serviceTreeChange} starts only inside {@link RequestProcesses#start} (the request, or Tollgate's start anew
 * when an admin ended the one it had: ADR 0060), and with a business key (the request's id). An admin who started a
 * second one in Cockpit for a ticket that failed had its status sent back to "awaiting approval" while the DBA's
 * decision stayed open; Cockpit's restart of a finished ticket's process sent a rolled-back ticket back to approval
 * and an executed one back to its Execute, and a finished tree change's to its validation; a start by hand after the
 * engine's history of the first process was deleted (so that nothing of the engine's told it had one) ran a rejected
 * ticket. Tollgate's own record decides, not the engine's history. A built-in listener on the process's start (not
 * skipped with the custom ones); it reads nothing.
 */
@Component
class OneProcessPerRequest extends AbstractProcessEnginePlugin {

    static final Set<String> KEYS = Set.of(SqlTicketProcess.KEY, ServiceTreeChangeProcess.KEY);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                if (KEYS.contains(processDefinition.getKey())) {
                    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
                            (ExecutionListener) OneProcessPerRequest::requireNoOther);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    static void requireNoOther(DelegateExecution execution) {
        if (!execution.getId().equals(execution.getProcessInstanceId())) {
            return; // a start within the process (a sub-process), not the process's
        }
        String key = execution.getProcessDefinitionId().substring(0, execution.getProcessDefinitionId().indexOf(':'));
        String request = execution.getProcessBusinessKey();
        if (request == null || request.isBlank()) {
            throw new ProcessEngineException("a " + key + " process starts with the id of its request as its business"
                    + " key (Tollgate starts it when the request is made); this one has none");
        }
        if (!RequestProcesses.starting()) {
            throw new ProcessEngineException("a " + key + " process is started by Tollgate alone, when its request is"
                    + " made, and anew where the request still waits for one after an admin ended it (ADR 0060); "
                    + request + " was started otherwise (by hand, in Cockpit or over the engine's REST API): refused");
        }
    }
}
