package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.audit.AuditEntry;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.audit.AuditVerification;
import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.TargetInstances;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail is tamper-evident: what happens (here failed sign-ins and a review over REST) is chained within
 * seconds, the verification says intact, and an entry edited or deleted directly in the database is named by the
 * verification, over REST as auditors use it. Each test repairs what it broke.
 */
@TollgateAppTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailIT {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @LocalServerPort int port;
    @Autowired AuditTrail trail;
    @Autowired JdbcTemplate jdbc;
    @Autowired TargetInstances instances;
    @Autowired io.tollgate.engine.review.RuleSettings rules;
    Http http;

    @BeforeEach
    void client() throws Exception {
        http = new Http(port);
        http.get("/api/v1/tickets", "auditor", "wrong-password-" + System.nanoTime());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE entry_hash IS NULL", Long.class))
                .isZero());
    }

    @Test
    @Order(1)
    void whatHappensIsChainedAndTheChainIsIntact() throws Exception {
        List<AuditEntry> newest = trail.newest("auditor", 20);
        assertThat(newest).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("sign-in.failed");
            assertThat(e.actor()).isEqualTo("auditor");
            assertThat(e.actorRoles()).isEqualTo("auditor");
            assertThat(e.sourceAddress()).isEqualTo("127.0.0.1");
            assertThat(e.seq()).isPositive();
            assertThat(e.entryHash()).hasSize(64);
        });
        HttpResponse<String> verification = http.get("/api/v1/audit/verification", "auditor", "auditor-demo");
        assertThat(verification.statusCode()).isEqualTo(200);
        AuditVerification result = JSON.readValue(verification.body(), AuditVerification.class);
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.checked()).isPositive();
        assertThat(http.get("/api/v1/audit/verification", "engineer", "engineer-demo").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void registeringAnInstanceIsOnTheTrailWithoutItsPassword() {
        String name = "audited-" + System.nanoTime();
        instances.register(new InstanceForm(name, "127.0.0.1", 3306, "root", "s3cret-never-logged",
                io.tollgate.engine.review.Environment.TEST, false, "reviewer"), "dba");

        assertThat(trail.newest("auditor", 20)).filteredOn(e -> name.equals(e.subjectId())).singleElement()
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo("instance.registered");
                    assertThat(e.actor()).isEqualTo("dba");
                    assertThat(e.actorRoles()).isEqualTo("dba");
                    assertThat(e.summary() + e.payload()).contains("root@127.0.0.1:3306")
                            .doesNotContain("s3cret-never-logged");
                });

        var dev = io.tollgate.engine.review.Environment.DEV;
        var before = rules.rules().stream().filter(r -> r.id().equals("naming.lower-case")).findFirst().orElseThrow()
                .levels().get(dev);
        rules.changeLevel("naming.lower-case", dev, io.tollgate.engine.review.RuleLevel.OFF, "admin");
        try {
            assertThat(trail.newest("auditor", 20)).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo("review-rule.level-changed");
                assertThat(e.actor()).isEqualTo("admin");
                assertThat(e.subjectId()).isEqualTo("naming.lower-case");
                assertThat(e.summary()).contains("→ OFF");
            });
        } finally {
            rules.changeLevel("naming.lower-case", dev, before, "admin");
        }
    }

    @Test
    @Order(3)
    void anEntryEditedInTheDatabaseIsNamed() throws Exception {
        AuditEntry victim = sealedEntryInTheMiddle();
        jdbc.update("UPDATE audit_entry SET summary = 'nothing happened' WHERE id = ?", victim.id());
        try {
            AuditVerification result = verifyOverRest();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenEntryId()).isEqualTo(victim.id());
            assertThat(result.problem()).contains("content was changed");
            assertThat(result.describe()).contains("broken at entry " + victim.id());
        } finally {
            jdbc.update("UPDATE audit_entry SET summary = ? WHERE id = ?", victim.summary(), victim.id());
        }
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    @Order(4)
    void anEntryDeletedFromTheDatabaseIsNamedByTheOneAfterIt() throws Exception {
        AuditEntry victim = sealedEntryInTheMiddle();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_entry WHERE id = ?", victim.id());
        jdbc.update("DELETE FROM audit_entry WHERE id = ?", victim.id());
        try {
            AuditVerification result = verifyOverRest();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenSeq()).isEqualTo(victim.seq() + 1);
            assertThat(result.problem()).contains("place " + victim.seq() + " is missing");
        } finally {
            jdbc.update("INSERT INTO audit_entry (id, occurred_at_micros, actor, actor_roles, source_address, kind,"
                            + " subject_type, subject_id, summary, payload, seq, prev_hash, entry_hash)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("ID") != null ? row.get("ID")
                            : row.get("id"), value(row, "occurred_at_micros"), value(row, "actor"),
                    value(row, "actor_roles"), value(row, "source_address"), value(row, "kind"),
                    value(row, "subject_type"), value(row, "subject_id"), value(row, "summary"),
                    value(row, "payload"), value(row, "seq"), value(row, "prev_hash"), value(row, "entry_hash"));
        }
        assertThat(trail.verify().intact()).isTrue();
    }

    private AuditVerification verifyOverRest() throws Exception {
        HttpResponse<String> response = http.get("/api/v1/audit/verification", "auditor", "auditor-demo");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readValue(response.body(), AuditVerification.class);
    }

    private AuditEntry sealedEntryInTheMiddle() {
        List<AuditEntry> sealed = trail.newest("auditor", 50).stream().filter(e -> e.seq() != null).toList();
        assertThat(sealed).hasSizeGreaterThanOrEqualTo(3);
        return sealed.get(sealed.size() / 2);
    }

    private static Object value(Map<String, Object> row, String column) {
        return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
    }
}
