package io.tollgate.engine.ticket;

import java.time.Clock;
import java.time.Duration;

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
    private final Clock clock;

    ExecuteTicketDelegate(TicketExecution execution, Clock clock) {
        this.execution = execution;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution process) {
        execution.execute(process.getProcessBusinessKey()).ifPresent(failure -> {
            Variables.FAILURE.set(process, failure);
            throw new BpmnError(Errors.EXECUTION_FAILED, failure);
        });
        Duration window = Duration.parse(Variables.ROLLBACK_WINDOW.require(process));
        Variables.ROLLBACK_UNTIL.set(process, clock.instant().plus(window).toString());
    }
}
