package io.tollgate.integrations.mysql.execution;

/**
 * Tollgate's own record of a ticket's inverses, copied from the ledger when its execution ended
 * ({@link MysqlTicketExecutor#recordedRollback(String, MysqlTicketExecutor.PageConsumer)}), which a rollback checks the
 * target's ledger against before it runs anything (ADR 0044): the ledger lives on the target, where accounts other than
 * Tollgate's may write it, while what reviewers approved is Tollgate's copy.
 */
@FunctionalInterface
public interface InverseRecord {

    /** No record to check against (a ticket executed before Tollgate kept one): the ledger is taken as it is. */
    InverseRecord NONE = (index, sql) -> true;

    /** Whether {@code sql} (null: none) is the inverse Tollgate recorded for statement {@code index} (from 1). */
    boolean matches(int index, String sql);

    /** How many executed statements Tollgate recorded an inverse (or none) for; negative when it cannot tell. */
    default int count() {
        return -1;
    }
}
