package io.tollgate.engine.ticket.internal.execution;

import io.tollgate.engine.joblock.JobLockKeeper;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Errors;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Undoes what the ticket executed, in reverse order, each inverse once; a failure goes to a DBA. */
@Component(Beans.ROLL_BACK_TICKET)
public class RollBackTicketDelegate implements JavaDelegate {

    private final TicketExecution execution;
    private final JobLockKeeper locks;

    RollBackTicketDelegate(TicketExecution execution, JobLockKeeper locks) {
        this.execution = execution;
        this.locks = locks;
    }

    @Override
    public void execute(DelegateExecution process) {
        // a rollback of a large ticket may outlast the job lock: its lock is kept while it runs (ADR 0016)
        locks.whileRunning(() -> execution.rollBack(process.getProcessBusinessKey(), TicketJournal.SYSTEM))
                .ifPresent(failure -> {
            Variables.FAILURE.set(process, failure);
            throw new BpmnError(Errors.ROLLBACK_FAILED, failure);
        });
    }
}
