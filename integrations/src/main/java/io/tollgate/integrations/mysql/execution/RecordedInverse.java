package io.tollgate.integrations.mysql.execution;

/**
 * The inverse the ledger recorded for one completed statement ({@code index} from 1), as a rollback would run it;
 * {@code sql} is null when the statement has none.
 */
public record RecordedInverse(int index, String sql) {
}
