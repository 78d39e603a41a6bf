package io.tollgate.engine.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tollgate.engine.audit.AuditEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Chains entries that are not sealed yet, in the order they were written, under the chain head's row lock (one
 * sealer at a time, on any node): each gets the next place, the head's hash as its previous hash, and its own hash.
 * Business transactions never wait for the chain; an entry is sealed within a second or so of its commit.
 */
@Component
public class AuditSealer {

    public static final int BATCH = 500;
    /** Entries sealed by one statement (its parameters: seven an entry). */
    public static final int SEALS_A_STATEMENT = 100;

    private final JdbcTemplate jdbc;
    private final AuditForwarding forwarding;

    public AuditSealer(JdbcTemplate jdbc, AuditForwarding forwarding) {
        this.jdbc = jdbc;
        this.forwarding = forwarding;
    }

    /** Seals up to {@link #BATCH} entries; returns how many. */
    @Transactional
    public int sealSome() {
        Map<String, Object> head = jdbc.queryForMap(
                "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
        long seq = ((Number) head.get("last_seq")).longValue();
        String hash = (String) head.get("last_hash");
        List<Object[]> unsealed = jdbc.query("SELECT " + AuditRows.COLUMNS + " FROM audit_entry"
                        + " WHERE entry_hash IS NULL ORDER BY id LIMIT " + BATCH,
                (rs, n) -> new Object[] {AuditRows.entry(rs), rs.getLong("occurred_at_micros")});
        List<AuditEntry> sealed = new ArrayList<>(unsealed.size());
        for (Object[] row : unsealed) {
            AuditEntry entry = (AuditEntry) row[0];
            seq++;
            String entryHash = AuditChain.hash(hash, AuditChain.canonical(seq, entry, (Long) row[1]));
            sealed.add(new AuditEntry(entry.id(), entry.occurredAt(), entry.actor(), entry.actorRoles(),
                    entry.sourceAddress(), entry.kind(), entry.subjectType(), entry.subjectId(), entry.summary(),
                    entry.payload(), seq, hash, entryHash, entry.instanceName(), entry.databaseName(),
                    entry.environment(), entry.outcome()));
            hash = entryHash;
        }
        for (int from = 0; from < sealed.size(); from += SEALS_A_STATEMENT) {
            seal(sealed.subList(from, Math.min(sealed.size(), from + SEALS_A_STATEMENT)));
        }
        if (!unsealed.isEmpty()) {
            jdbc.update("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1", seq, hash);
            afterCommit(() -> forwarding.forward(sealed));
        }
        return unsealed.size();
    }

    /**
     * Writes the places and hashes of {@code entries} in one statement (one round trip for a batch, not one an entry:
     * a ticket writes four entries).
     */
    private void seal(List<AuditEntry> entries) {
        StringBuilder sql = new StringBuilder("UPDATE audit_entry SET");
        List<Object> args = new ArrayList<>(entries.size() * 7);
        String[] columns = {"seq", "prev_hash", "entry_hash"};
        for (int c = 0; c < columns.length; c++) {
            sql.append(c == 0 ? " " : ", ").append(columns[c]).append(" = CASE id");
            for (AuditEntry entry : entries) {
                sql.append(" WHEN ? THEN ?");
                args.add(entry.id());
                args.add(c == 0 ? entry.seq() : c == 1 ? entry.prevHash() : entry.entryHash());
            }
            sql.append(" END");
        }
        sql.append(" WHERE id IN (").append(String.join(", ", java.util.Collections.nCopies(entries.size(), "?")))
                .append(")");
        entries.forEach(entry -> args.add(entry.id()));
        int updated = jdbc.update(sql.toString(), args.toArray());
        if (updated != entries.size()) {
            throw new IllegalStateException("sealed " + updated + " audit entries of " + entries.size());
        }
    }

    /** Forwarded only once the seal is committed (a rolled-back seal is sealed again, and forwarded then). */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
