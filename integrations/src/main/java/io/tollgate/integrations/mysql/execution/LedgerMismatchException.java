package io.tollgate.integrations.mysql.execution;

/**
 * The ledger on the target disagrees with Tollgate's own record of the ticket (ADR 0044): a statement Tollgate
 * recorded as executed has no DONE row there, so running on would run it a second time. Nothing ran; the caller keeps
 * its record as it is, and a DBA finds out who changed the ledger.
 */
public class LedgerMismatchException extends TicketExecutionException {

    public LedgerMismatchException(String message) {
        super(message);
    }
}
