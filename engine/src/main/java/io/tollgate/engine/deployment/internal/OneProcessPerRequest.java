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
 * A ticket or tree change has one process at a time, started by Tollgate: a process of {@code sqlTicket} or
 * {@code serviceTreeChange} starts only with a business key (the request's id) that no process of the same key has
 * had, or as Tollgate's own start anew ({@link RequestProcesses}, ADR 0060) when none runs. An admin who started a second
 * one in Cockpit for a ticket that failed had its status sent back to "awaiting approval" while the DBA's decision
 * stayed open; Cockpit's restart of a finished ticket's process sent a rolled-back ticket back to approval and an
 * executed one back to its Execute, and a finished tree change's to its validation, overwriting what their records
 * said. A built-in listener on the process's start (not skipped with the custom ones). One statement a start: the
 * processes the request's id has had (history keeps the running ones too).
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
        var services = execution.getProcessEngineServices();
        boolean anew = RequestProcesses.startingAnew();
        if (!anew && services.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(key)
                .processInstanceBusinessKey(request).count() == 0) {
            return; // the request's first process
        }
        if (services.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(key)
                .processInstanceBusinessKey(request).count() > 0) {
            throw new ProcessEngineException(request + " already has a running " + key + " process: a request has one"
                    + " at a time (Tollgate starts another only when none runs); end that one first");
        }
        if (!anew) {
            throw new ProcessEngineException(request + " already had a " + key + " process: a request's process starts"
                    + " when the request is made, and anew only by Tollgate itself, where the request still waits for"
                    + " one (an admin ended it: ADR 0060); a restart or start of it by hand would overwrite what its"
                    + " record says");
        }
    }
}
