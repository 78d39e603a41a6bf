package io.tollgate.integrations.mysql.execution;

/**
 * What happened to one statement of a ticket (index counts from 1) in one run of execute or rollback.
 * {@code affectedRows} is -1 when unknown; {@code message} explains failures and in-flight statements;
 * {@code kind} is null only for a statement that cannot be parsed. {@code leftAsTheyAre} counts, for a rollback run
 * under a DBA's conflict policy, the conflicting changes of the statement it left as they are now (rows skipped, or
 * a DDL whose table or column held data written since); 0 otherwise.
 */
public record StatementOutcome(int index, Kind kind, Status status, long affectedRows, String message,
                               long leftAsTheyAre) {

    public StatementOutcome(int index, Kind kind, Status status, long affectedRows, String message) {
        this(index, kind, status, affectedRows, message, 0);
    }

    public enum Kind { DML, DDL }

    public enum Status {
        /** Ran in this run and committed with its ledger record. */
        EXECUTED,
        /** The ledger says an earlier run completed it; not run again. */
        ALREADY_DONE,
        /** Failed in this run; its transaction was rolled back (DML) and the run stopped here. */
        FAILED,
        /** A DDL statement an earlier run started but never recorded as finished: outcome unknown, a DBA decides. */
        IN_FLIGHT,
        /** Not attempted because an earlier statement failed or is in flight. */
        NOT_RUN,
        /** Rollback only: no inverse statement was recorded, so rollback stopped here. */
        IRREVERSIBLE,
        /**
         * Rollback only: rows this statement changed have changed since (the report lists them); nothing of the
         * rollback was changed, and a DBA decides.
         */
        CONFLICT
    }
}
