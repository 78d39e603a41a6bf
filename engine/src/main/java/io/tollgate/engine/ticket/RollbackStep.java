package io.tollgate.engine.ticket;

/**
 * The recorded inverse of one executed statement, in the order a rollback runs them (reverse script order).
 * {@code sql} is null for a statement with no inverse (the rollback would stop there).
 */
public record RollbackStep(int statement, String sql) {
}
