package io.tollgate.engine.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.tollgate.engine.audit.AuditEntry;
import io.tollgate.engine.audit.AuditFilter;
import org.junit.jupiter.api.Test;

/** The chain's rule: entries from before the facets keep their sealed form; every field, facets included, counts. */
class AuditChainTest {

    private static AuditEntry entry(String instance, String outcome) {
        return new AuditEntry(7, Instant.parse("2026-12-01T10:00:00.123456Z"), "dba", "dba", "10.0.0.1",
                "instance.changed", "instance", "orders", "instance orders changed", "{\"port\":3306}", null, null,
                null, instance, null, null, outcome);
    }

    @Test
    void anEntryWithoutFacetsHasTheFormItWasSealedWithBeforeThem() {
        assertThat(AuditChain.canonical(3, entry(null, null), 1_764_583_200_123_456L)).isEqualTo(
                "[3,7,1764583200123456,\"dba\",\"dba\",\"10.0.0.1\",\"instance.changed\",\"instance\",\"orders\","
                        + "\"instance orders changed\",\"{\\\"port\\\":3306}\"]");
    }

    @Test
    void everyFieldAndFacetChangesTheHash() {
        String base = AuditChain.hash(AuditChain.GENESIS, AuditChain.canonical(3, entry("orders", "ok"), 1L));
        assertThat(base).hasSize(64).isNotEqualTo(
                AuditChain.hash(AuditChain.GENESIS, AuditChain.canonical(3, entry("orders", "failed"), 1L)));
        assertThat(base).isNotEqualTo(
                AuditChain.hash(AuditChain.GENESIS, AuditChain.canonical(3, entry("other", "ok"), 1L)));
        assertThat(base).isNotEqualTo(
                AuditChain.hash(AuditChain.GENESIS, AuditChain.canonical(4, entry("orders", "ok"), 1L)));
        assertThat(base).isNotEqualTo(
                AuditChain.hash(AuditChain.GENESIS, AuditChain.canonical(3, entry("orders", "ok"), 2L)));
        assertThat(base).isNotEqualTo(AuditChain.hash("1".repeat(64), AuditChain.canonical(3, entry("orders", "ok"),
                1L)));
    }

    @Test
    void outcomesComeFromTheKind() {
        assertThat(AuditFacets.outcome("ticket.rejected")).isEqualTo("refused");
        assertThat(AuditFacets.outcome("deployment.refused")).isEqualTo("refused");
        assertThat(AuditFacets.outcome("ticket.execution-failed")).isEqualTo("failed");
        assertThat(AuditFacets.outcome("tree-change.conflict")).isEqualTo("failed");
        assertThat(AuditFacets.outcome("ticket.approved")).isEqualTo("ok");
    }

    @Test
    void theFilterKnowsEveryEnvironment() {
        assertThat(AuditFilter.ENVIRONMENTS).containsExactlyElementsOf(java.util.Arrays.stream(
                io.tollgate.engine.review.Environment.values()).map(Enum::name).toList());
    }
}
