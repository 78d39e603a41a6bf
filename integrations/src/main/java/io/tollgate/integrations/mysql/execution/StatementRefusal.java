package io.tollgate.integrations.mysql.execution;

/**
 * A statement the executor would refuse to run, known without a target: it cannot be parsed, it is not a change
 * statement, or its effect cannot be undone exactly (e.g. UPDATE ... LIMIT, REPLACE, INSERT ... SELECT).
 * {@code index} counts from 1.
 */
public record StatementRefusal(int index, String reason) {
}
