package io.tollgate.engine.ticket.internal.execution;

import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tickets execute ({@code tollgate.tickets.*}).
 *
 * @param rollbackWindow     how long after execution the submitter may request a rollback
 * @param ledgerSchema       the schema on each target that holds Tollgate's execution ledger
 * @param lockWait           how long an execution waits for another ticket on the same database before failing
 * @param onlineAlterMinRows ALTER TABLE on tables with at least this many rows runs through pt-online-schema-change
 * @param onlineSchemaChangeCommand the pt-online-schema-change program (on PATH by default)
 * @param onlineSchemaChangeOptions extra options for it, e.g. {@code --max-load} or {@code --chunk-size} (never a
 *                                  password: the connection goes through a temporary defaults file)
 * @param interruptedRunCheck  how often each node looks for executions whose node stopped (their job still locked,
 *                             their lock on the target gone); zero turns the look off
 * @param interruptedRunSettle how long such an execution must look abandoned (two looks this far apart, the same job
 *                             lock) before its job is released for the next acquisition
 * @param ledgerPage           how many ledger rows a rollback (conflict check, run) and the copy of the recorded
 *                             rollback SQL read from the target at a time: their memory is bounded by it, not by the
 *                             ticket's size (ADR 0023)
 * @param maxRowsPerStatement  the most rows one UPDATE or DELETE may change: its before-images are held in memory
 *                             while it runs, so one that would change more is refused before it runs (the review's
 *                             {@code stmt.max-affected-rows} estimate may be wrong, or its level lowered)
 * @param strandedCheck        how often each node looks for tickets whose process was ended in the engine while they
 *                             ran or waited for a DBA's decision after a failure (unchanged at least this long), and
 *                             starts their decision anew; zero turns the look off
 */
@ConfigurationProperties("tollgate.tickets")
public record TicketProperties(
        @DefaultValue("7d") Duration rollbackWindow,
        @DefaultValue(ExecutionSettings.DEFAULT_LEDGER_SCHEMA) String ledgerSchema,
        @DefaultValue("30s") Duration lockWait,
        @DefaultValue("100000") long onlineAlterMinRows,
        @DefaultValue("pt-online-schema-change") String onlineSchemaChangeCommand,
        @DefaultValue("") List<String> onlineSchemaChangeOptions,
        @DefaultValue("5s") Duration interruptedRunCheck,
        @DefaultValue("10s") Duration interruptedRunSettle,
        @DefaultValue("1000") int ledgerPage,
        @DefaultValue("100000") long maxRowsPerStatement,
        @DefaultValue("30s") Duration strandedCheck) {

    public TicketProperties {
        if (rollbackWindow.isNegative() || rollbackWindow.isZero()) {
            throw new IllegalArgumentException("tollgate.tickets.rollback-window must be positive");
        }
        onlineSchemaChangeOptions = onlineSchemaChangeOptions == null ? List.of()
                : onlineSchemaChangeOptions.stream().filter(o -> !o.isBlank()).toList();
        if (interruptedRunSettle.isNegative()) {
            throw new IllegalArgumentException("tollgate.tickets.interrupted-run-settle must not be negative");
        }
        if (ledgerPage < 1) {
            throw new IllegalArgumentException("tollgate.tickets.ledger-page must be at least 1");
        }
        if (maxRowsPerStatement < 1) {
            throw new IllegalArgumentException("tollgate.tickets.max-rows-per-statement must be at least 1");
        }
        if (onlineAlterMinRows < 0) {
            throw new IllegalArgumentException("tollgate.tickets.online-alter-min-rows must not be negative");
        }
    }
}
