package io.tollgate.integrations.mysql.execution.internal;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import io.tollgate.integrations.mysql.execution.TicketExecutionException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Creates the ledger on a target server once per JVM, and forgets it when a run fails. */
public final class KnownLedgers {

    /**
     * The ledgers this JVM has created or found ({@link #ledgerKey}): an executor is built per run, and creating the
     * ledger on every run cost two statements a connection (issue 16). A ledger dropped later is not silently
     * recreated empty by the run that meets its absence: that run fails on the missing table and forgets the key,
     * so only the next run creates it again.
     */
    private static final Set<String> KNOWN_LEDGERS = ConcurrentHashMap.newKeySet();

    private final ExecutionLedger ledger;
    private final String ledgerKey;

    public KnownLedgers(ExecutionLedger ledger, String ledgerKey) {
        this.ledger = ledger;
        this.ledgerKey = ledgerKey;
    }

    /** One ledger per target server and ledger schema, whichever user or database a run connects with. */
    public static String ledgerKey(MysqlCoordinates target, ExecutionSettings settings) {
        return target.host() + ":" + target.port() + "/" + settings.ledgerSchema();
    }

    /** Creates the ledger unless this JVM already has on this server; DDL, so outside a ticket's transactions. */
    void ensureLedger(Connection c) throws SQLException {
        if (!KNOWN_LEDGERS.contains(ledgerKey)) {
            ledger.ensureExists(c);
            KNOWN_LEDGERS.add(ledgerKey);
        }
    }

    /**
     * After the target failed a run: the ledger may be what is missing, so the next run checks and creates it again.
     * Returns {@code failure} to throw.
     */
    public TicketExecutionException forgetLedger(TicketExecutionException failure) {
        KNOWN_LEDGERS.remove(ledgerKey);
        return failure;
    }
}
