/**
 * Executes the statements of a SQL change ticket on a MySQL/MariaDB target exactly once, and rolls them back.
 *
 * <p>{@link io.tollgate.integrations.mysql.execution.MysqlTicketExecutor} keeps an execution ledger in a schema
 * of its own on the target ({@code tollgate_meta.tollgate_execution_ledger} by default), created once per target
 * server in a JVM: a run that finds it gone fails, and the next run creates it again. A DML statement, the
 * before-images it needs for rollback and its ledger row commit in one transaction, so a second run skips it.
 * Consecutive DML statements share that transaction in small groups (one ledger INSERT and one commit per group);
 * a statement failing inside a group rolls the group back, and the group runs again one statement per transaction.
 * A DDL statement is recorded STARTED in its own transaction before it runs and DONE after; one found STARTED
 * is reported as in flight with an unknown outcome, never re-run. One ticket at a time executes on a target
 * database (MySQL named lock {@code tollgate:<database>}). Rollback replays the recorded inverse SQL in reverse
 * order, each step recorded in the ledger too: UPDATE → restore the before-images by primary key, DELETE → insert
 * them back, INSERT → delete the inserted keys; CREATE TABLE → DROP TABLE, added columns and named indexes →
 * drop them. An UPDATE or DELETE whose rows other rows point at through a foreign key that would
 * change them (ON DELETE CASCADE/SET NULL/SET DEFAULT, ON UPDATE SET NULL/SET DEFAULT) is refused before it runs,
 * and a rollback line that would is a conflict ({@code io.tollgate.integrations.mysql.MysqlForeignKeys},
 * ADR 0037).
 *
 * <p>DDL inverses are built from {@code SHOW CREATE TABLE} read just before the statement runs (Druid's AST finds
 * the elements, their text is taken as the server wrote it): {@code MODIFY} → MODIFY back to the column's full
 * previous definition (and its old place when the statement moved it); {@code CHANGE old new} → CHANGE new back to
 * old; {@code RENAME TABLE a TO b} and {@code ALTER TABLE a RENAME b} → rename back; {@code RENAME COLUMN a TO b}
 * → rename back; {@code DROP INDEX}/{@code DROP KEY}/{@code DROP PRIMARY KEY} → add the index back as it was (it is
 * then listed last among the table's indexes). A column change only gets an inverse when no value can change:
 * the same type or a widening one (longer VARCHAR, bigger integer of the same signedness, more DECIMAL digits on
 * both sides of the point, higher fractional-second precision, enum/set values appended), the same collation,
 * auto-increment and generation. DDL runs in strict mode, so a change, or an inverse that narrows back, fails on
 * a value that does not fit instead of truncating it. Any other DDL (narrowing, conversions, several columns
 * moved in one statement, DROP COLUMN/TABLE, ...) runs but records no inverse, and rollback stops there as
 * irreversible.
 *
 * <p>An {@code ALTER TABLE} of a table with at least {@code onlineAlterMinRows} rows (see
 * {@link io.tollgate.integrations.mysql.execution.ExecutionSettings}; a bounded {@code COUNT}) runs online through
 * {@code pt-online-schema-change} when the tool can take it as is: column changes that keep names and cannot change
 * a value (the tool copies rows with INSERT IGNORE, which truncates where strict mode fails; so a rollback's
 * narrowing MODIFY runs directly), non-unique index changes, a table with a primary or unique key, no triggers and
 * no foreign keys. Everything else, and every
 * ALTER when the tool is not installed (the outcome says so), runs directly. The online run is recorded in the
 * ledger like any DDL (STARTED before, DONE with the inverse above after; a rollback's ALTER takes the same path).
 * The tool gets user and password from a temporary owner-only defaults file named in its DSN, never on its
 * command line; its copy progress goes to {@link io.tollgate.integrations.mysql.execution.ExecutionProgress}, whose
 * {@code abortRequested()} is polled every 250 ms and stops the tool with SIGTERM. The tool leaves its triggers and
 * {@code _<table>_new} behind when interrupted, so the executor drops them; the statement is then FAILED with
 * message {@code aborted} and the original table is as it was. There is no timeout: a large copy takes as long as
 * it takes, and a tool that exits, however it exits, is noticed at once. If it stops without the table having its
 * old definition (the swap may have happened), the statement stays in flight for a DBA. Plain JDBC and one
 * external program, no Camunda, no Spring.
 *
 * <p>Every ledger row carries {@link io.tollgate.integrations.mysql.execution.LedgerSeal}'s HMAC; a DONE row, an inverse
 * or an "undone" row without it is not Tollgate's, and a run or rollback that meets one stops with
 * {@link io.tollgate.integrations.mysql.execution.LedgerMismatchException} (ADR 0045).
 *
 * <p>This package holds the API; the working parts, one job a class, are in {@code internal}.
 */
package io.tollgate.integrations.mysql.execution;
