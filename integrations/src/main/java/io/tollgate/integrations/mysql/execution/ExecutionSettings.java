package io.tollgate.integrations.mysql.execution;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the executor works on a target: the schema that holds its ledger, how long it waits for the
 * per-database lock held by another ticket, the connect and socket (statement) timeouts, and when an ALTER TABLE
 * runs online: through {@code pt-online-schema-change} ({@code onlineSchemaChangeCommand}, with
 * {@code onlineSchemaChangeOptions} added to its command line, e.g. throttling such as {@code --max-load} or
 * {@code --sleep}) once the table has at least {@code onlineAlterMinRows} rows, because a direct ALTER of a large
 * table blocks writes or replication for as long as the copy takes; and how many ledger rows a rollback (its conflict
 * check, its run, the recorded rollback SQL) reads at a time ({@code ledgerPage}), so that its memory does not grow
 * with the ticket's size; and the most rows one UPDATE or DELETE may change ({@code maxRowsPerStatement}): their
 * before-images are held in memory while it runs, so a statement over it is refused before it runs; and the schema
 * of Tollgate's own database ({@code tollgateSchema}, null when it is not on MySQL or MariaDB): a ticket on an
 * instance that also hosts it must not write Tollgate's tickets, approvals, engine or audit trail (ADR 0049); and the
 * largest packet that database takes ({@code recordPacket}, 0 for none to respect): Tollgate copies each statement's
 * rollback SQL there.
 */
public record ExecutionSettings(String ledgerSchema, Duration lockWait, Duration connectTimeout, Duration socketTimeout,
                                long onlineAlterMinRows, String onlineSchemaChangeCommand,
                                List<String> onlineSchemaChangeOptions, int ledgerPage, long maxRowsPerStatement,
                                String tollgateSchema, long recordPacket) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_$]{1,64}");

    /** Tables with fewer rows are altered directly by default. */
    public static final long DEFAULT_ONLINE_ALTER_MIN_ROWS = 100_000;

    /** Ledger rows read at a time by a rollback and by the recorded rollback SQL. */
    public static final int DEFAULT_LEDGER_PAGE = 1000;
    /** The schema on each target that holds the execution ledger, unless configured otherwise. */
    public static final String DEFAULT_LEDGER_SCHEMA = "tollgate_meta";
    /** The most rows one UPDATE or DELETE may change, unless configured otherwise. */
    public static final long DEFAULT_MAX_ROWS_PER_STATEMENT = 100_000;

    public ExecutionSettings {
        Objects.requireNonNull(ledgerSchema, "ledgerSchema");
        if (!IDENTIFIER.matcher(ledgerSchema).matches()) {
            throw new IllegalArgumentException("ledger schema must be a plain identifier: " + ledgerSchema);
        }
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lockWait must not be negative");
        }
        if (onlineAlterMinRows < 1) {
            throw new IllegalArgumentException("onlineAlterMinRows must be at least 1");
        }
        if (onlineSchemaChangeCommand == null || onlineSchemaChangeCommand.isBlank()) {
            throw new IllegalArgumentException("onlineSchemaChangeCommand must name the pt-online-schema-change program");
        }
        if (ledgerPage < 1) {
            throw new IllegalArgumentException("ledgerPage must be at least 1");
        }
        if (maxRowsPerStatement < 1) {
            throw new IllegalArgumentException("maxRowsPerStatement must be at least 1");
        }
        if (recordPacket < 0) {
            throw new IllegalArgumentException("recordPacket must not be negative");
        }
        if (tollgateSchema != null && tollgateSchema.isBlank()) {
            tollgateSchema = null; // any name MySQL takes (`tollgate-prod` too): it is only looked for, never written
        }
        onlineSchemaChangeOptions = List.copyOf(onlineSchemaChangeOptions);
        for (String option : onlineSchemaChangeOptions) {
            String o = option.toLowerCase(java.util.Locale.ROOT);
            if (o.startsWith("--password") || o.startsWith("--ask-pass") || o.equals("-p") || o.startsWith("--config")) {
                // credentials reach pt-online-schema-change only through the temporary defaults file
                throw new IllegalArgumentException("pt-online-schema-change option not allowed here: " + option);
            }
        }
    }

    /** The settings before online ALTERs existed; online ALTERs use the defaults. */
    public ExecutionSettings(String ledgerSchema, Duration lockWait, Duration connectTimeout, Duration socketTimeout) {
        this(ledgerSchema, lockWait, connectTimeout, socketTimeout, DEFAULT_ONLINE_ALTER_MIN_ROWS,
                "pt-online-schema-change", List.of(), DEFAULT_LEDGER_PAGE, DEFAULT_MAX_ROWS_PER_STATEMENT, null, 0);
    }

    public static ExecutionSettings defaults() {
        return new ExecutionSettings(DEFAULT_LEDGER_SCHEMA, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(1));
    }

    public ExecutionSettings withLedgerSchema(String schema) {
        return new ExecutionSettings(schema, lockWait, connectTimeout, socketTimeout, onlineAlterMinRows,
                onlineSchemaChangeCommand, onlineSchemaChangeOptions, ledgerPage,
                maxRowsPerStatement, tollgateSchema, recordPacket);
    }

    public ExecutionSettings withLockWait(Duration wait) {
        return new ExecutionSettings(ledgerSchema, wait, connectTimeout, socketTimeout, onlineAlterMinRows,
                onlineSchemaChangeCommand, onlineSchemaChangeOptions, ledgerPage,
                maxRowsPerStatement, tollgateSchema, recordPacket);
    }

    /** ALTER TABLE of a table with at least {@code rows} rows (information_schema's estimate) runs online. */
    public ExecutionSettings withOnlineAlterMinRows(long rows) {
        return new ExecutionSettings(ledgerSchema, lockWait, connectTimeout, socketTimeout, rows,
                onlineSchemaChangeCommand, onlineSchemaChangeOptions, ledgerPage,
                maxRowsPerStatement, tollgateSchema, recordPacket);
    }

    /** The pt-online-schema-change program: a path, or a name looked up on PATH. */
    public ExecutionSettings withOnlineSchemaChangeCommand(String command) {
        return new ExecutionSettings(ledgerSchema, lockWait, connectTimeout, socketTimeout, onlineAlterMinRows,
                command, onlineSchemaChangeOptions, ledgerPage, maxRowsPerStatement, tollgateSchema, recordPacket);
    }

    /** Options added after Tollgate's own on the pt-online-schema-change command line (never a password). */
    public ExecutionSettings withOnlineSchemaChangeOptions(List<String> options) {
        return new ExecutionSettings(ledgerSchema, lockWait, connectTimeout, socketTimeout, onlineAlterMinRows,
                onlineSchemaChangeCommand, options, ledgerPage, maxRowsPerStatement, tollgateSchema, recordPacket);
    }

    /** How many ledger rows a rollback and the recorded rollback SQL read at a time (at least 1). */
    public ExecutionSettings withLedgerPage(int rows) {
        return new ExecutionSettings(ledgerSchema, lockWait, connectTimeout, socketTimeout, onlineAlterMinRows,
                onlineSchemaChangeCommand, onlineSchemaChangeOptions, rows, maxRowsPerStatement, tollgateSchema, recordPacket);
    }

    /** The most rows one UPDATE or DELETE may change (at least 1): more are refused before the statement runs. */
    public ExecutionSettings withMaxRowsPerStatement(long rows) {
        return new ExecutionSettings(ledgerSchema, lockWait, connectTimeout, socketTimeout, onlineAlterMinRows,
                onlineSchemaChangeCommand, onlineSchemaChangeOptions, ledgerPage, rows, tollgateSchema, recordPacket);
    }

    /**
     * The schema of Tollgate's own database where it is on MySQL or MariaDB (null otherwise): statements that name it,
     * and tickets that run in it, are refused (ADR 0049).
     */
    public ExecutionSettings withTollgateSchema(String schema) {
        return new ExecutionSettings(ledgerSchema, lockWait, connectTimeout, socketTimeout, onlineAlterMinRows,
                onlineSchemaChangeCommand, onlineSchemaChangeOptions, ledgerPage, maxRowsPerStatement, schema, recordPacket);
    }

    /**
     * The largest packet Tollgate's own database takes ({@code max_allowed_packet}; 0 when it has none to read, the
     * embedded H2): Tollgate copies each statement's rollback SQL there, so a statement whose rollback SQL it could
     * not copy is refused as it runs, as one the ledger on the target could not hold.
     */
    public ExecutionSettings withRecordPacket(long bytes) {
        return new ExecutionSettings(ledgerSchema, lockWait, connectTimeout, socketTimeout, onlineAlterMinRows,
                onlineSchemaChangeCommand, onlineSchemaChangeOptions, ledgerPage, maxRowsPerStatement, tollgateSchema,
                bytes);
    }

    /** The check of the schemas only Tollgate writes: its execution ledger, and its own database. */
    public StatementSupport.Ledger protectedSchemas() {
        return StatementSupport.Ledger.of(ledgerSchema, tollgateSchema);
    }
}
