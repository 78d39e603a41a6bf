package io.tollgate.engine.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.audit.AuditEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Forwarding for SIEMs: sealed entries as one JSON line each, into a file of their own when one is configured. */
class AuditForwardingTest {

    @TempDir Path dir;

    @AfterEach
    void detach() {
        var logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(AuditForwarding.LOGGER);
        logger.getAppender("tollgate-audit-file").stop();
        logger.detachAppender("tollgate-audit-file");
        logger.setAdditive(true);
    }

    @Test
    void eachSealedEntryIsOneJsonLineWithItsHashesInTheFile() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditForwarding forwarding = new AuditForwarding(true, file.toString());
        AuditEntry entry = new AuditEntry(9, Instant.parse("2026-12-01T10:00:00Z"), "reviewer", "reviewer", null,
                "ticket.rejected", "ticket", "T-1", "ticket T-1 rejected: line one\nline two", "{\"detail\":\"x\"}",
                12L, "a".repeat(64), "b".repeat(64), "orders", "shop", "PROD", "refused");
        forwarding.forward(List.of(entry, entry));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.get("kind").asText()).isEqualTo("ticket.rejected");
        assertThat(line.get("summary").asText()).isEqualTo("ticket T-1 rejected: line one\nline two");
        assertThat(line.get("seq").asLong()).isEqualTo(12);
        assertThat(line.get("entryHash").asText()).isEqualTo("b".repeat(64));
        assertThat(line.get("environment").asText()).isEqualTo("PROD");
    }

    @Test
    void nothingIsForwardedWhenItIsOff() throws Exception {
        Path file = dir.resolve("off.jsonl");
        AuditForwarding on = new AuditForwarding(true, file.toString());
        new AuditForwarding(false).forward(List.of(new AuditEntry(1, Instant.EPOCH, "a", "", null, "sign-in",
                "account", "a", "a signed in", null, 1L, "0".repeat(64), "c".repeat(64), null, null, null, "ok")));
        assertThat(on.enabled()).isTrue();
        assertThat(Files.exists(file) ? Files.readAllLines(file) : List.of()).isEmpty();
    }
}
