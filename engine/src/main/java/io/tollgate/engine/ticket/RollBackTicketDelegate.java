package io.tollgate.engine.ticket;

import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Errors;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Undoes what the ticket executed, in reverse order, each inverse once; a failure goes to a DBA. */
@Component(Beans.ROLL_BACK_TICKET)
class RollBackTicketDelegate implements JavaDelegate {

    private final TicketExecution execution;

    RollBackTicketDelegate(TicketExecution execution) {
        this.execution = execution;
    }

    @Override
    public void execute(DelegateExecution process) {
        execution.rollBack(process.getProcessBusinessKey(), TicketJournal.SYSTEM).ifPresent(failure -> {
            Variables.FAILURE.set(process, failure);
            throw new BpmnError(Errors.ROLLBACK_FAILED, failure);
        });
    }
}
