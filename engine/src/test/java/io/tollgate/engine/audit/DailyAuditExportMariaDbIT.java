package io.tollgate.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.tollgate.engine.TestClock;
import io.tollgate.engine.audit.daily.DailyAuditExport;
import io.tollgate.engine.audit.daily.DailyExportProperties;
import io.tollgate.engine.audit.internal.AuditAnchors;
import io.tollgate.engine.audit.internal.AuditChain;
import io.tollgate.engine.audit.internal.AuditFacets;
import io.tollgate.engine.audit.internal.AuditForwarding;
import io.tollgate.engine.audit.internal.AuditSealer;
import io.tollgate.engine.permission.Permissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily export on the machine's MariaDB, in a database of its own (issue 14): each finished day goes to its own
 * JSON Lines file with the entries' hashes and the day's anchor, matching what the verification walks; a second run
 * and a second node on the same database export nothing again (also when both run at once); missed days are caught
 * up; a claim left by a node that crashed mid-write is taken over after its lease and its half-written file replaced.
 */
class DailyAuditExportMariaDbIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AuditTestDatabase database;
    private static HikariDataSource dataSource;

    @TempDir Path folder;
    JdbcTemplate jdbc;
    TestClock clock;
    AuditTrail trail;
    AuditSealer sealer;
    AuditAnchors anchors;
    AuditExport export;
    TransactionTemplate tx;
    DataSourceTransactionManager transactions;

    @BeforeAll
    static void database() throws Exception {
        database = new AuditTestDatabase();
        dataSource = database.dataSource;
    }

    @AfterAll
    static void drop() throws Exception {
        database.drop();
    }

    @BeforeEach
    void trail() {
        jdbc = new JdbcTemplate(dataSource);
        jdbc.update("DELETE FROM audit_entry");
        jdbc.update("DELETE FROM audit_anchor");
        jdbc.update("DELETE FROM audit_daily_export");
        jdbc.update("UPDATE audit_chain_head SET last_seq = 0, last_hash = ? WHERE id = 1", AuditChain.GENESIS);
        clock = new TestClock(Instant.parse("2026-11-28T10:00:00Z"));
        Permissions permissions = mock(Permissions.class);
        trail = new AuditTrail(jdbc, permissions, clock, new AuditFacets());
        sealer = new AuditSealer(jdbc, new AuditForwarding(false));
        anchors = new AuditAnchors(jdbc, clock);
        export = new AuditExport(jdbc, permissions, trail, anchors, clock, sealer);
        transactions = new DataSourceTransactionManager(dataSource);
        tx = new TransactionTemplate(transactions);
    }

    private DailyAuditExport node(String name) {
        return new DailyAuditExport(jdbc, anchors, export, trail, transactions,
                new DailyExportProperties(folder, Duration.ofMinutes(10), Duration.ofMinutes(30), 100), clock, name);
    }

    private void record(String kind, String actor, String subject, String summary) {
        trail.record(new AuditEvent(kind, actor, "ticket", subject, summary, Map.of("detail", summary)), "10.0.0.1");
        clock.advance(Duration.ofHours(1));
    }

    private void sealAll() {
        while (tx.execute(s -> sealer.sealSome()) == AuditSealer.BATCH) {
            // a backlog
        }
    }

    /** Three entries on the 28th, two on the 29th; then it is just after midnight on the 30th. */
    private void twoDays() {
        record("ticket.submitted", "engineer", "T-1", "ticket T-1 submitted");
        record("ticket.approved", "reviewer", "T-1", "ticket T-1 approved: fine");
        record("ticket.executed", "system", "T-1", "ticket T-1 executed");
        clock.advance(Duration.ofDays(1));
        record("ticket.submitted", "engineer", "T-2", "ticket T-2 submitted");
        record("ticket.rejected", "reviewer", "T-2", "ticket T-2 rejected: no WHERE");
        sealAll();
        clock = clockAt(clock, "2026-11-30T00:05:00Z");
    }

    private TestClock clockAt(TestClock current, String instant) {
        current.advance(Duration.between(current.instant(), Instant.parse(instant)));
        return current;
    }

    private List<JsonNode> lines(LocalDate day) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve(DailyAuditExport.fileName(day)))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private long recordedExports(String day) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE kind = ? AND subject_id = ?", Long.class,
                DailyAuditExport.KIND, day);
    }

    @Test
    void eachFinishedDayGoesToItsFileWithTheHashesAndAnchorTheVerificationWalks() throws Exception {
        twoDays();

        assertThat(node("node-a").exportFinishedDays()).as("both finished days, the missed one first")
                .containsExactly(LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-29"));

        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "tollgate-audit-2026-11-28.jsonl", "tollgate-audit-2026-11-29.jsonl");
        }
        List<JsonNode> first = lines(LocalDate.parse("2026-11-28"));
        assertThat(first.get(0).get("record").asText()).isEqualTo("export");
        assertThat(first.get(0).get("exportedBy").asText()).isEqualTo("system");
        assertThat(first.get(0).get("filters").get("from").asText()).isEqualTo("2026-11-28T00:00:00Z");
        List<JsonNode> entries = first.stream().filter(l -> l.get("record").asText().equals("entry")).toList();
        assertThat(entries).extracting(e -> e.get("kind").asText()).containsExactly("ticket.submitted",
                "ticket.approved", "ticket.executed");
        // the file's hashes are the database's, chained one to the next
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            assertThat(jdbc.queryForObject("SELECT entry_hash FROM audit_entry WHERE id = ?", String.class,
                    e.get("id").asLong())).isEqualTo(e.get("entry_hash").asText());
            if (i > 0) {
                assertThat(e.get("prev_hash").asText()).isEqualTo(entries.get(i - 1).get("entry_hash").asText());
            }
        }
        JsonNode anchor = first.get(first.size() - 1);
        assertThat(anchor.get("record").asText()).isEqualTo("anchor");
        assertThat(anchor.get("day").asText()).isEqualTo("2026-11-28");
        assertThat(anchor.get("seq").asLong()).isEqualTo(entries.get(2).get("seq").asLong());
        assertThat(anchor.get("hash").asText()).isEqualTo(entries.get(2).get("entry_hash").asText());
        // the anchor an auditor keeps from the file is one the verification accepts...
        AuditVerification kept = trail.verify(new AuditAnchor(null, anchor.get("seq").asLong(),
                anchor.get("hash").asText()));
        assertThat(kept.intact()).as(kept.describe()).isTrue();
        // ...and reveals the day rewritten later
        jdbc.update("UPDATE audit_entry SET summary = 'nothing happened' WHERE id = ?", entries.get(1).get("id")
                .asLong());
        AuditVerification edited = trail.verify(new AuditAnchor(null, anchor.get("seq").asLong(),
                anchor.get("hash").asText()));
        assertThat(edited.intact()).isFalse();
        assertThat(edited.brokenEntryId()).isEqualTo(entries.get(1).get("id").asLong());

        assertThat(lines(LocalDate.parse("2026-11-29")).stream().filter(l -> l.get("record").asText()
                .equals("entry")).map(l -> l.get("kind").asText())).containsExactly("ticket.submitted",
                "ticket.rejected");
        // each export is on the trail, once, with the file's hash
        assertThat(recordedExports("2026-11-28")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT payload FROM audit_entry WHERE kind = ? AND subject_id = ?",
                String.class, DailyAuditExport.KIND, "2026-11-28"))
                .contains(jdbc.queryForObject("SELECT file_sha256 FROM audit_daily_export WHERE export_day ="
                        + " '2026-11-28'", String.class)).contains("\"entries\":3");
    }

    @Test
    void aSecondRunOrASecondNodeDoesNotExportADayTwiceEvenAtTheSameMoment() throws Exception {
        twoDays();
        assertThat(node("node-a").exportFinishedDays()).hasSize(2);
        String written = Files.readString(folder.resolve("tollgate-audit-2026-11-28.jsonl"));

        assertThat(node("node-a").exportFinishedDays()).as("a second run").isEmpty();
        assertThat(node("node-b").exportFinishedDays()).as("a second node on the same database").isEmpty();
        assertThat(Files.readString(folder.resolve("tollgate-audit-2026-11-28.jsonl"))).isEqualTo(written);
        assertThat(recordedExports("2026-11-28")).isEqualTo(1);
        assertThat(recordedExports("2026-11-29")).isEqualTo(1);

        // the next day, two nodes at once: one of them exports it, once
        record("ticket.submitted", "engineer", "T-3", "ticket T-3 submitted");
        sealAll();
        clockAt(clock, "2026-12-01T00:01:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<List<LocalDate>>> both = List.of(node("node-a")::exportFinishedDays,
                    node("node-b")::exportFinishedDays);
            List<LocalDate> exported = new ArrayList<>();
            for (Future<List<LocalDate>> f : pool.invokeAll(both)) {
                exported.addAll(f.get());
            }
            assertThat(exported).containsExactly(LocalDate.parse("2026-11-30"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(recordedExports("2026-11-30")).isEqualTo(1);
        assertThat(lines(LocalDate.parse("2026-11-30")).stream().filter(l -> l.get("record").asText()
                .equals("entry")).map(l -> l.get("kind").asText()))
                .as("the 30th holds its own entries: T-3 and the exports of the 28th and 29th")
                .containsExactly(DailyAuditExport.KIND, DailyAuditExport.KIND, "ticket.submitted");
    }

    @Test
    void daysMissedWhileNoNodeRanAreCaughtUp() throws Exception {
        twoDays();
        assertThat(node("node-a").exportFinishedDays()).hasSize(2);

        // nobody runs for three days
        record("ticket.submitted", "engineer", "T-4", "ticket T-4 submitted");
        clockAt(clock, "2026-12-02T12:00:00Z");
        record("ticket.submitted", "engineer", "T-5", "ticket T-5 submitted");
        sealAll();
        clockAt(clock, "2026-12-03T08:00:00Z");

        assertThat(node("node-b").exportFinishedDays()).containsExactly(LocalDate.parse("2026-11-30"),
                LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));
        assertThat(folder.resolve("tollgate-audit-2026-12-01.jsonl")).exists();
        assertThat(lines(LocalDate.parse("2026-12-01")).stream().filter(l -> l.get("record").asText()
                .equals("entry"))).as("a day without entries still has its file and anchor").isEmpty();
        assertThat(lines(LocalDate.parse("2026-12-01")).get(lines(LocalDate.parse("2026-12-01")).size() - 1)
                .get("record").asText()).isEqualTo("anchor");
    }

    @Test
    void aClaimLeftByACrashedNodeIsTakenOverAfterItsLeaseAndItsHalfFileReplaced() throws Exception {
        twoDays();
        // node-x claimed the 28th and died while writing it: a half-written temporary file, no finished claim
        jdbc.update("INSERT INTO audit_daily_export (export_day, claimed_by, claim_token, claimed_at_micros)"
                + " VALUES ('2026-11-28', 'node-x', 'dead', ?)", micros(clock.instant().minusSeconds(60)));
        Files.writeString(folder.resolve(".tollgate-audit-2026-11-28.jsonl.dead.tmp"), "{\"record\":\"exp");

        assertThat(node("node-a").exportFinishedDays()).as("within the lease the day stays node-x's")
                .containsExactly(LocalDate.parse("2026-11-29"));
        assertThat(folder.resolve("tollgate-audit-2026-11-28.jsonl")).doesNotExist();

        clock.advance(Duration.ofMinutes(31));
        assertThat(node("node-a").exportFinishedDays()).containsExactly(LocalDate.parse("2026-11-28"));
        assertThat(lines(LocalDate.parse("2026-11-28")).stream().filter(l -> l.get("record").asText()
                .equals("entry"))).hasSize(3);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(recordedExports("2026-11-28")).isEqualTo(1);
    }

    private static long micros(Instant instant) {
        return AuditSearch.micros(instant);
    }
}
