package io.tollgate.integrations.mysql.execution;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
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
 * <p>The ledger decides which fields a row's seal covers, in which order. Every node of an installation must hold
 * the same key (the engine derives it from Tollgate's secret key).
 * Thread-safe.
 */
public final class LedgerSeal {

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] CONTEXT = "tollgate ledger row v1".getBytes(StandardCharsets.UTF_8);
    private static final LedgerSeal EPHEMERAL = new LedgerSeal(randomKey());

    /** One initialised Mac per thread: looking one up and keying it costs more than sealing a row. */
    private final ThreadLocal<Mac> macs;

    private LedgerSeal(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> newMac(spec));
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

    /** The seal of one ledger row's {@code fields} (in a fixed order; null where a field has no value), as hex. */
    public String seal(List<String> fields) {
        return HexFormat.of().formatHex(mac(fields));
    }

    /** Whether {@code seal} is this key's seal of {@code fields}; false for none. */
    public boolean verifies(String seal, List<String> fields) {
        if (seal == null || seal.length() != 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(seal);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(fields));
    }

    private byte[] mac(List<String> fields) {
        Mac mac = macs.get();
        mac.update(CONTEXT);
        for (String value : fields) {
            // each field's length, then its bytes (-1 for none), so that no two rows' fields run together the same way
            if (value == null) {
                mac.update(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
        }
        return mac.doFinal(); // and the Mac is ready for the next row
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
