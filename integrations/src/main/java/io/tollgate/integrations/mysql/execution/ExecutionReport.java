package io.tollgate.integrations.mysql.execution;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one execute or rollback run of a ticket, statement by statement (rollback: in reverse order), and,
 * for a rollback that stopped on conflicts, the conflicting rows (the first {@code MAX_CONFLICTS_LISTED}) and how
 * many there are in all.
 */
public record ExecutionReport(String ticketId, String database, List<StatementOutcome> statements,
                              List<RowConflict> conflicts, int conflictCount) {

    public ExecutionReport {
        statements = List.copyOf(statements);
        conflicts = List.copyOf(conflicts);
    }

    public ExecutionReport(String ticketId, String database, List<StatementOutcome> statements) {
        this(ticketId, database, statements, List.of(), 0);
    }

    /** True when every statement is executed now or was done before. */
    public boolean completed() {
        return statements.stream().allMatch(s -> s.status() == StatementOutcome.Status.EXECUTED
                || s.status() == StatementOutcome.Status.ALREADY_DONE);
    }

    /** The statement that stopped the run: failed, in flight or irreversible. */
    public Optional<StatementOutcome> stoppedAt() {
        return statements.stream().filter(s -> s.status() == StatementOutcome.Status.FAILED
                || s.status() == StatementOutcome.Status.IN_FLIGHT
                || s.status() == StatementOutcome.Status.IRREVERSIBLE
                || s.status() == StatementOutcome.Status.CONFLICT).findFirst();
    }
}
