package io.tollgate.engine.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.audit.AuditEntry;

/** The chain's one rule, used by the sealer and the verification alike: hash = SHA-256(prev hash, canonical entry). */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditChain() {
    }

    /**
     * The entry's content in one fixed form: a JSON array of its fields in a fixed order, its place included. The
     * facets (instance, database, environment, outcome) are appended when any is set: entries written before they
     * existed keep the form they were sealed with, and an edited facet breaks the hash like any other field.
     */
    public static String canonical(long seq, AuditEntry e, long occurredAtMicros) {
        try {
            List<Object> fields = new ArrayList<>(Arrays.asList(seq, e.id(), occurredAtMicros, e.actor(),
                    e.actorRoles(), e.sourceAddress(), e.kind(), e.subjectType(), e.subjectId(), e.summary(),
                    e.payload()));
            if (e.instanceName() != null || e.databaseName() != null || e.environment() != null
                    || e.outcome() != null) {
                fields.addAll(Arrays.asList(e.instanceName(), e.databaseName(), e.environment(), e.outcome()));
            }
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static String hash(String prevHash, String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '\n');
            sha.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
