/**
 * How {@link io.tollgate.integrations.mysql.execution.MysqlTicketExecutor} does its work, one job a class: the plan
 * ({@code StatementPlan}: parse and refuse), the locks ({@code RunLocks}), the run ({@code StatementRun}, with
 * {@code DmlChange} for before-images and {@code DdlRun}/{@code DdlInverse}/{@code OnlineAlter} for DDL), the rollback
 * ({@code TicketRollback}, {@code RollbackConflicts}, {@code RollbackLine}, {@code DdlConflicts}), and the ledger
 * ({@code ExecutionLedger}, sealed rows, ADR 0045; {@code LedgerReads}, {@code KnownLedgers}). The classes are public
 * so the executor can wire them; nothing outside {@code io.tollgate.integrations.mysql.execution} uses them (an
 * ArchUnit rule keeps {@code internal} inside its feature). The package documentation of
 * {@code io.tollgate.integrations.mysql.execution} describes what they do together.
 */
package io.tollgate.integrations.mysql.execution.internal;
