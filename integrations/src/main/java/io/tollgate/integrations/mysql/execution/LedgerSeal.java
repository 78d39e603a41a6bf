package io.tollgate.integrations.mysql.execution;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The seal on each row Tollgate writes to the execution ledger on a target (ADR 0045): an HMAC-SHA256, under a key
 * only Tollgate holds, of what a run decides by — the ticket, the phase, the statement's number, database and kind,
 * its state, its affected rows and its inverse. An account with rights on the ledger's schema can still change or
 * add rows, but not seal them, so a run that finds a DONE row without Tollgate's seal knows it was not Tollgate's
 * and stops instead of skipping a statement or running an inverse nobody approved. The statement's own text is left
 * out: a run compares it with the ticket's and stops on a difference anyway.
 *
 * <p>Every node of an installation must hold the same key (the engine derives it from Tollgate's secret key).
 * Thread-safe.
 */
public final class LedgerSeal {

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] CONTEXT = "tollgate ledger row v1".getBytes(StandardCharsets.UTF_8);
    private static final LedgerSeal EPHEMERAL = new LedgerSeal(randomKey());

    private final SecretKeySpec key;

    private LedgerSeal(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** Seals with {@code key}, which must be at least 32 bytes of a secret only Tollgate holds. */
    public static LedgerSeal withKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("a ledger seal key must be at least 32 bytes, not " + key.length);
        }
        return new LedgerSeal(key.clone());
    }

    /**
     * A key drawn at random once per JVM: rows sealed with it verify only in this JVM, so it is for tools and tests
     * that run one installation in one process; a node of an installation uses {@link #withKey(byte[])}.
     */
    public static LedgerSeal ephemeral() {
        return EPHEMERAL;
    }

    /** The seal of one ledger row, as hex; {@code affectedRows} negative or null when not known. */
    String seal(String ticketId, ExecutionLedger.Phase phase, int index, String database, StatementOutcome.Kind kind,
                ExecutionLedger.State state, Long affectedRows, String rollbackSql) {
        return HexFormat.of().formatHex(mac(ticketId, phase, index, database, kind, state, affectedRows, rollbackSql));
    }

    /** Whether {@code seal} is this key's seal of the row; false for none. */
    boolean verifies(String seal, String ticketId, ExecutionLedger.Phase phase, int index, String database,
                     StatementOutcome.Kind kind, ExecutionLedger.State state, Long affectedRows, String rollbackSql) {
        if (seal == null || seal.length() != 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(seal);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(given,
                mac(ticketId, phase, index, database, kind, state, affectedRows, rollbackSql));
    }

    private byte[] mac(String ticketId, ExecutionLedger.Phase phase, int index, String database,
                       StatementOutcome.Kind kind, ExecutionLedger.State state, Long affectedRows, String rollbackSql) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(CONTEXT);
            field(mac, ticketId);
            field(mac, phase.name());
            mac.update(ByteBuffer.allocate(12).putInt(index)
                    .putLong(affectedRows == null || affectedRows < 0 ? -1 : affectedRows).array());
            field(mac, database);
            field(mac, kind == null ? null : kind.name());
            field(mac, state.name());
            field(mac, rollbackSql);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** A field's length, then its bytes (-1 for none), so that no two rows' fields run together the same way. */
    private static void field(Mac mac, String value) {
        if (value == null) {
            mac.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
