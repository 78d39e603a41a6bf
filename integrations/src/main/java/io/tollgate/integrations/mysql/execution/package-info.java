/**
 * Executes the statements of a SQL change ticket on a MySQL/MariaDB target exactly once, and rolls them back.
 *
 * <p>{@link io.tollgate.integrations.mysql.execution.MysqlTicketExecutor} keeps an execution ledger in a schema
 * of its own on the target ({@code tollgate_meta.tollgate_execution_ledger} by default). A DML statement, the
 * before-images it needs for rollback and its ledger row commit in one transaction, so a second run skips it.
 * A DDL statement is recorded STARTED in its own transaction before it runs and DONE after; one found STARTED
 * is reported as in flight with an unknown outcome, never re-run. One ticket at a time executes on a target
 * database (MySQL named lock {@code tollgate:<database>}). Rollback replays the recorded inverse SQL in reverse
 * order, each step recorded in the ledger too: UPDATE → restore the before-images by primary key, DELETE → insert
 * them back, INSERT → delete the inserted keys; CREATE TABLE → DROP TABLE, added columns and named indexes →
 * drop them.
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
 * irreversible. Plain JDBC, no Camunda, no Spring.
 */
package io.tollgate.integrations.mysql.execution;
