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
 * drop them. Other DDL has no inverse yet and stops rollback as irreversible. Plain JDBC, no Camunda, no Spring.
 */
package io.tollgate.integrations.mysql.execution;
