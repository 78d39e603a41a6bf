package io.tollgate.engine.ticket;

import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Errors;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Executes what has not completed yet (exactly once per statement); a failure goes to a DBA. */
@Component(Beans.EXECUTE_TICKET)
class ExecuteTicketDelegate implements JavaDelegate {

    private final TicketExecution execution;

    ExecuteTicketDelegate(TicketExecution execution) {
        this.execution = execution;
    }

    @Override
    public void execute(DelegateExecution process) {
        execution.execute(Variables.TICKET_ID.require(process)).ifPresent(failure -> {
            Variables.FAILURE.set(process, failure);
            throw new BpmnError(Errors.EXECUTION_FAILED, failure);
        });
    }
}
