package io.tollgate.engine.ticket.internal;

import io.tollgate.engine.stuck.StuckStep;
import io.tollgate.engine.stuck.StuckStepRecords;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.springframework.stereotype.Component;

/** A ticket's stuck steps go on the ticket: its page shows them, its trail and mails say so (ADR 0052). */
@Component
class StuckTicketSteps implements StuckStepRecords {

    private final TicketJournal journal;

    StuckTicketSteps(TicketJournal journal) {
        this.journal = journal;
    }

    @Override
    public String processKey() {
        return SqlTicketProcess.KEY;
    }

    @Override
    public void stuck(StuckStep step) {
        journal.stuck(step.businessKey(), step.label(), step.reason());
    }

    @Override
    public void retried(StuckStep step, String actor) {
        journal.stepRetried(step.businessKey(), step.label(), actor);
    }

    @Override
    public void gone(StuckStep step) {
        journal.stepGone(step.businessKey());
    }
}
