package io.tollgate.engine.ticket;

/**
 * What happened to one statement in the last execution or rollback run. {@code index} counts from 1 in script order;
 * {@code status} is the executor's (EXECUTED, ALREADY_DONE, FAILED, IN_FLIGHT, NOT_RUN, IRREVERSIBLE);
 * {@code affectedRows} is -1 when unknown.
 */
public record StatementResult(int index, String kind, String status, long affectedRows, String message) {
}
