package io.tollgate.engine.review;

/** Whether Tollgate can generate the rollback of a statement. */
public enum Reversibility {
    /** The inverse statement follows from the statement itself (CREATE → DROP, ADD COLUMN → DROP COLUMN). */
    REVERSIBLE,
    /** The rollback needs the rows as they were before execution, captured while executing (UPDATE, DELETE). */
    REVERSIBLE_WITH_BEFORE_IMAGES,
    /** Nothing Tollgate captures can undo it (DROP TABLE, TRUNCATE, DROP COLUMN, lossy type changes). */
    IRREVERSIBLE,
    /**
     * Tollgate's executor refuses to run it, because it could not undo it exactly (UPDATE ... LIMIT, a table without
     * a primary key, REPLACE, statements that change nothing...); the review reports it as {@code execution.refused}.
     */
    REFUSED_AT_EXECUTION
}
