package io.tollgate.integrations.mysql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * MySQL/MariaDB named locks ({@code GET_LOCK}), held by a session until it releases them or ends: the executor's
 * locks on a target, the start-up lock on Tollgate's own database.
 */
public final class NamedLocks {

    /** MySQL's cap on a lock name's length. */
    static final int MAX_NAME = 64;
    private static final String HASHED = "sha256:";

    private NamedLocks() {
    }

    /**
     * {@code <prefix><key>}, or, when that is longer than MySQL takes, {@code <prefix>sha256:<hex>} of the key cut to
     * 64 characters: a name a given key always gets, on every node and version.
     */
    public static String name(String prefix, String key) {
        String name = prefix + key;
        if (name.length() <= MAX_NAME) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return prefix + HASHED + HexFormat.of().formatHex(digest)
                    .substring(0, MAX_NAME - prefix.length() - HASHED.length());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to {@code wait} for the lock; whether this session holds it now. */
    public static boolean tryLock(Connection c, String name, Duration wait) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            ps.setString(1, name);
            ps.setDouble(2, wait.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    /** Gives the lock back, if this session holds it. */
    public static void release(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, name);
            ps.executeQuery().close();
        }
    }
}
