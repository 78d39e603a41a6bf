package io.tollgate.engine.ticket.internal.execution;

import java.time.Clock;

import io.tollgate.engine.joblock.JobLockKeeper;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Errors;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Executes what has not completed yet (exactly once per statement); a failure goes to a DBA. */
@Component(Beans.EXECUTE_TICKET)
public class ExecuteTicketDelegate implements JavaDelegate {

    private final TicketExecution execution;
    private final JobLockKeeper locks;
    private final Clock clock;
    private final TicketProperties properties;

    ExecuteTicketDelegate(TicketExecution execution, JobLockKeeper locks, Clock clock, TicketProperties properties) {
        this.execution = execution;
        this.locks = locks;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution process) {
        // a run may outlast the job lock (200,000 statements, a long online ALTER): its lock is kept while it runs
        locks.whileRunning(() -> execution.execute(process.getProcessBusinessKey())).ifPresent(failure -> {
            Variables.FAILURE.set(process, failure);
            throw new BpmnError(Errors.EXECUTION_FAILED, failure);
        });
        // the window is Tollgate's setting, never a variable: KeepRollbackWindowListener holds the timer to it
        Variables.ROLLBACK_UNTIL.set(process, clock.instant().plus(properties.rollbackWindow()).toString());
    }
}
