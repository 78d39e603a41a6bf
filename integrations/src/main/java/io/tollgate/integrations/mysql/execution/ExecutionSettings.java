package io.tollgate.integrations.mysql.execution;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the executor works on a target: the schema that holds its ledger, how long it waits for the
 * per-database lock held by another ticket, and the connect and socket (statement) timeouts.
 */
public record ExecutionSettings(String ledgerSchema, Duration lockWait, Duration connectTimeout, Duration socketTimeout) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_$]{1,64}");

    public ExecutionSettings {
        Objects.requireNonNull(ledgerSchema, "ledgerSchema");
        if (!IDENTIFIER.matcher(ledgerSchema).matches()) {
            throw new IllegalArgumentException("ledger schema must be a plain identifier: " + ledgerSchema);
        }
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lockWait must not be negative");
        }
    }

    public static ExecutionSettings defaults() {
        return new ExecutionSettings("tollgate_meta", Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(1));
    }

    public ExecutionSettings withLedgerSchema(String schema) {
        return new ExecutionSettings(schema, lockWait, connectTimeout, socketTimeout);
    }

    public ExecutionSettings withLockWait(Duration wait) {
        return new ExecutionSettings(ledgerSchema, wait, connectTimeout, socketTimeout);
    }
}
