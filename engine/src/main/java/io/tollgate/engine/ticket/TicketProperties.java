package io.tollgate.engine.ticket;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tickets execute ({@code tollgate.tickets.*}).
 *
 * @param rollbackWindow     how long after execution the submitter may request a rollback
 * @param ledgerSchema       the schema on each target that holds Tollgate's execution ledger
 * @param lockWait           how long an execution waits for another ticket on the same database before failing
 * @param onlineAlterMinRows ALTER TABLE on tables with at least this many rows runs through pt-online-schema-change
 */
@ConfigurationProperties("tollgate.tickets")
public record TicketProperties(
        @DefaultValue("7d") Duration rollbackWindow,
        @DefaultValue("tollgate_meta") String ledgerSchema,
        @DefaultValue("30s") Duration lockWait,
        @DefaultValue("100000") long onlineAlterMinRows) {

    public TicketProperties {
        if (rollbackWindow.isNegative() || rollbackWindow.isZero()) {
            throw new IllegalArgumentException("tollgate.tickets.rollback-window must be positive");
        }
        if (onlineAlterMinRows < 0) {
            throw new IllegalArgumentException("tollgate.tickets.online-alter-min-rows must not be negative");
        }
    }
}
