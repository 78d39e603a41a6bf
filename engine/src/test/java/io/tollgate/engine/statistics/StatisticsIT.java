package io.tollgate.engine.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.engine.statistics.StatisticsReport.Count;
import io.tollgate.engine.statistics.StatisticsReport.DayCount;
import io.tollgate.engine.statistics.StatisticsReport.Outcomes;
import io.tollgate.engine.statistics.StatisticsReport.Rate;
import io.tollgate.engine.statistics.StatisticsReport.TreeDayCount;
import io.tollgate.engine.statistics.StatisticsReport.WeekPercentiles;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The statistics computed over seeded records, on the machine's MariaDB (a database of its own, dropped after) and on
 * H2, Tollgate's two databases: every figure is checked against what the seed was written to give, including what lies
 * outside the range (which must not count) and a ticket whose instance is gone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsIT {

    static final String MARIADB = "jdbc:mysql://127.0.0.1:3306/";
    static final LocalDate FROM = LocalDate.of(2026, 11, 2); // a Monday
    static final LocalDate TO = LocalDate.of(2026, 11, 8);

    final String database = "tg_stats_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Statistics onMariaDb;
    Statistics onH2;

    @BeforeAll
    void seed() throws Exception {
        try (Connection c = DriverManager.getConnection(MARIADB, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + database + "`");
        }
        onMariaDb = seeded(new DriverManagerDataSource(MARIADB + database, "root", ""));
        onH2 = seeded(new DriverManagerDataSource("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    @AfterAll
    void drop() throws Exception {
        try (Connection c = DriverManager.getConnection(MARIADB, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    Stream<Statistics> databases() {
        return Stream.of(onMariaDb, onH2);
    }

    private static Statistics seeded(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        instance(jdbc, "prod-db", "PROD");
        instance(jdbc, "test-db", "TEST");

        // 2 Nov: executed DDL (1 h to approval, 30 min to execution), and a rejection after 2 h
        ticket(jdbc, "T1", "prod-db", "alice", "EXECUTED", at(2, 10, 0));
        event(jdbc, "T1", "SUBMITTED", at(2, 10, 0));
        event(jdbc, "T1", "REVIEW_PASSED", at(2, 10, 0));
        event(jdbc, "T1", "APPROVED", at(2, 11, 0));
        event(jdbc, "T1", "EXECUTED", at(2, 11, 30));
        result(jdbc, "T1", 0, "DDL", "EXECUTED", 0);
        finding(jdbc, "T1", 0, "rule-a");
        finding(jdbc, "T1", 1, "rule-a");
        ticket(jdbc, "T2", "prod-db", "alice", "REJECTED", at(2, 12, 0));
        event(jdbc, "T2", "SUBMITTED", at(2, 12, 0));
        event(jdbc, "T2", "REJECTED", at(2, 14, 0));
        finding(jdbc, "T2", 0, "rule-a");
        finding(jdbc, "T2", 1, "rule-b");
        // 3 Nov: executed DML (12 rows) later rolled back; a failed execution approved after 3 h
        ticket(jdbc, "T3", "test-db", "bob", "ROLLED_BACK", at(3, 9, 0));
        event(jdbc, "T3", "SUBMITTED", at(3, 9, 0));
        event(jdbc, "T3", "APPROVED", at(3, 9, 10));
        event(jdbc, "T3", "EXECUTED", at(3, 9, 20));
        event(jdbc, "T3", "ROLLBACK_APPROVED", at(3, 12, 0));
        event(jdbc, "T3", "ROLLED_BACK", at(3, 12, 5));
        result(jdbc, "T3", 0, "DML", "EXECUTED", 5);
        result(jdbc, "T3", 1, "DML", "EXECUTED", 7);
        ticket(jdbc, "T4", "test-db", "bob", "EXECUTION_FAILED", at(3, 10, 0));
        event(jdbc, "T4", "SUBMITTED", at(3, 10, 0));
        event(jdbc, "T4", "APPROVED", at(3, 13, 0));
        event(jdbc, "T4", "EXECUTION_FAILED", at(3, 13, 1));
        result(jdbc, "T4", 0, "DML", "FAILED", 0);
        // 4 Nov: withdrawn, and failed review (rule-b three times)
        ticket(jdbc, "T5", "prod-db", "carol", "WITHDRAWN", at(4, 8, 0));
        event(jdbc, "T5", "SUBMITTED", at(4, 8, 0));
        event(jdbc, "T5", "WITHDRAWN", at(4, 8, 5));
        ticket(jdbc, "T6", "prod-db", "carol", "REVIEW_FAILED", at(4, 9, 0));
        event(jdbc, "T6", "SUBMITTED", at(4, 9, 0));
        for (int i = 0; i < 3; i++) {
            finding(jdbc, "T6", i, "rule-b");
        }
        // 5 Nov: waiting, on an instance no longer registered
        ticket(jdbc, "T8", "gone-db", "dave", "AWAITING_APPROVAL", at(5, 9, 0));
        event(jdbc, "T8", "SUBMITTED", at(5, 9, 0));
        // before the range (31 Oct): must not count anywhere
        ticket(jdbc, "T7", "prod-db", "erin", "ROLLED_BACK", LocalDateTime.of(2026, 10, 31, 23, 59, 59));
        event(jdbc, "T7", "SUBMITTED", LocalDateTime.of(2026, 10, 31, 23, 59, 59));
        event(jdbc, "T7", "APPROVED", at(2, 0, 0));
        event(jdbc, "T7", "EXECUTED", at(2, 1, 0));
        result(jdbc, "T7", 0, "DML", "EXECUTED", 100);
        finding(jdbc, "T7", 0, "rule-c");
        // 15 Sep, a range of its own (before the default 30 days): executed, then its rollback met a newer change (ROLLBACK_FAILED)
        ticket(jdbc, "T10", "prod-db", "frank", "ROLLBACK_FAILED", LocalDateTime.of(2026, 9, 15, 9, 0));
        event(jdbc, "T10", "EXECUTED", LocalDateTime.of(2026, 9, 15, 10, 0));
        // 28 Sep, a range of its own: its first statement ran (1 row), its second failed, and a DBA rolled back the
        // first (ROLLED_BACK); another approved, its process restarted (a new round) and then rejected
        ticket(jdbc, "T15", "prod-db", "ivan", "ROLLED_BACK", LocalDateTime.of(2026, 9, 28, 9, 0));
        event(jdbc, "T15", "APPROVED", LocalDateTime.of(2026, 9, 28, 9, 10));
        event(jdbc, "T15", "EXECUTION_FAILED", LocalDateTime.of(2026, 9, 28, 9, 20));
        event(jdbc, "T15", "ROLLED_BACK", LocalDateTime.of(2026, 9, 28, 9, 40));
        result(jdbc, "T15", 0, "DML", "EXECUTED", 1);
        result(jdbc, "T15", 1, "DML", "FAILED", -1);
        ticket(jdbc, "T16", "prod-db", "ivan", "REJECTED", LocalDateTime.of(2026, 9, 28, 10, 0));
        event(jdbc, "T16", "APPROVED", LocalDateTime.of(2026, 9, 28, 10, 10));
        event(jdbc, "T16", "PROCESS_RESTARTED", LocalDateTime.of(2026, 9, 28, 10, 20));
        jdbc.update("update sql_ticket set review_round = 1 where ticket_id = 'T16'");
        event(jdbc, "T16", "REJECTED", LocalDateTime.of(2026, 9, 28, 10, 30));
        decision(jdbc, "T16", 1, "reviewer", false, LocalDateTime.of(2026, 9, 28, 10, 30));
        // 20 Sep, a range of its own: approved, then withdrawn before it ran; one of two approvals, then withdrawn;
        // rejected
        ticket(jdbc, "T11", "prod-db", "gina", "WITHDRAWN", LocalDateTime.of(2026, 9, 20, 9, 0));
        event(jdbc, "T11", "SUBMITTED", LocalDateTime.of(2026, 9, 20, 9, 0));
        event(jdbc, "T11", "APPROVED", LocalDateTime.of(2026, 9, 20, 10, 0));
        event(jdbc, "T11", "WITHDRAWN", LocalDateTime.of(2026, 9, 20, 10, 30));
        ticket(jdbc, "T12", "prod-db", "gina", "WITHDRAWN", LocalDateTime.of(2026, 9, 20, 11, 0));
        jdbc.update("update sql_ticket set dba_approval_required = ? where ticket_id = 'T12'", true);
        event(jdbc, "T12", "SUBMITTED", LocalDateTime.of(2026, 9, 20, 11, 0));
        event(jdbc, "T12", "APPROVED", LocalDateTime.of(2026, 9, 20, 11, 30));
        event(jdbc, "T12", "WITHDRAWN", LocalDateTime.of(2026, 9, 20, 12, 0));
        ticket(jdbc, "T13", "prod-db", "gina", "REJECTED", LocalDateTime.of(2026, 9, 20, 13, 0));
        event(jdbc, "T13", "SUBMITTED", LocalDateTime.of(2026, 9, 20, 13, 0));
        event(jdbc, "T13", "REJECTED", LocalDateTime.of(2026, 9, 20, 14, 0));
        // 25 Sep, a range of its own: moved to its execution in Cockpit without an approval; the gate refused it
        ticket(jdbc, "T14", "prod-db", "hank", "EXECUTION_FAILED", LocalDateTime.of(2026, 9, 25, 9, 0));
        event(jdbc, "T14", "SUBMITTED", LocalDateTime.of(2026, 9, 25, 9, 0));
        event(jdbc, "T14", "REVIEW_PASSED", LocalDateTime.of(2026, 9, 25, 9, 0));
        event(jdbc, "T14", "EXECUTION_FAILED", LocalDateTime.of(2026, 9, 25, 9, 30));
        // after the range (9 Nov 00:00): must not count either
        ticket(jdbc, "T9", "prod-db", "erin", "EXECUTED", LocalDateTime.of(2026, 11, 9, 0, 0));

        change(jdbc, "C1", "CREATE", "APPLIED", at(2, 10, 0));
        changeEvent(jdbc, "C1", "REQUESTED", at(2, 10, 0));
        changeEvent(jdbc, "C1", "APPROVED", at(2, 10, 30));
        changeEvent(jdbc, "C1", "APPLIED", at(2, 10, 31));
        change(jdbc, "C2", "CREATE", "REJECTED", at(2, 11, 0));
        changeEvent(jdbc, "C2", "REQUESTED", at(2, 11, 0));
        changeEvent(jdbc, "C2", "REJECTED", at(2, 12, 30));
        change(jdbc, "C3", "UPDATE", "PENDING_APPROVAL", at(6, 15, 0));
        changeEvent(jdbc, "C3", "REQUESTED", at(6, 15, 0));
        change(jdbc, "C4", "DELETE", "APPLIED", LocalDateTime.of(2026, 10, 20, 10, 0));
        changeEvent(jdbc, "C4", "APPROVED", LocalDateTime.of(2026, 10, 20, 11, 0));

        Clock clock = Clock.fixed(Instant.parse("2026-11-08T12:00:00Z"), ZoneOffset.UTC);
        return new Statistics(jdbc, mock(Permissions.class), clock);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ticketsPerDayByOutcomeInstanceEnvironmentAndKind(Statistics statistics) {
        StatisticsReport report = statistics.report("auditor", FROM, TO);

        assertThat(report.tickets()).isEqualTo(7);
        assertThat(report.ticketsByOutcome()).containsExactly(
                day(2, "executed", 1), day(2, "rejected", 1),
                day(3, "failed", 1), day(3, "rolled back", 1),
                day(4, "review failed", 1), day(4, "withdrawn", 1),
                day(5, "in progress", 1));
        assertThat(report.ticketsByInstance()).containsExactly(
                day(2, "prod-db", 2), day(3, "test-db", 2), day(4, "prod-db", 2), day(5, "gone-db", 1));
        assertThat(report.ticketsByEnvironment()).containsExactly(
                day(2, "PROD", 2), day(3, "TEST", 2), day(4, "PROD", 2), day(5, "unknown", 1));
        assertThat(report.ticketsByStatementKind()).containsExactly(
                day(2, "DDL", 1), day(2, "not executed", 1), day(3, "DML", 2),
                day(4, "not executed", 2), day(5, "not executed", 1));
        assertThat(report.topSubmitters()).containsExactly(
                new Count("alice", 2), new Count("bob", 2), new Count("carol", 2), new Count("dave", 1));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void waitsRatesRulesAndRows(Statistics statistics) {
        StatisticsReport report = statistics.report("auditor", FROM, TO);

        // waits for review: 1 h, 2 h, 10 min, 3 h; for execution: 30 min, 10 min
        assertThat(report.reviewWait()).containsExactly(new WeekPercentiles(FROM, 4, 3600, 10800));
        assertThat(report.executionWait()).containsExactly(new WeekPercentiles(FROM, 2, 600, 1800));
        assertThat(report.approvalByInstance()).containsExactly(
                new Rate("gone-db", 0, 0, 0, 0), new Rate("prod-db", 1, 1, 50, 50), new Rate("test-db", 2, 0, 100, 0));
        assertThat(report.approvalBySubmitter()).containsExactly(
                new Rate("bob", 2, 0, 100, 0), new Rate("alice", 1, 1, 50, 50),
                new Rate("carol", 0, 0, 0, 0), new Rate("dave", 0, 0, 0, 0));
        assertThat(report.executions()).isEqualTo(new Outcomes(2, 1, 66.7));
        assertThat(report.rolledBack()).isEqualTo(1);
        assertThat(report.rollbacksPer100()).isEqualTo(14.3);
        assertThat(report.topRules()).containsExactly(new Count("rule-b", 4), new Count("rule-a", 3));
        assertThat(report.rowsChangedByEnvironment()).containsExactly(new Count("PROD", 0), new Count("TEST", 12));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void serviceTreeChangesPerDayAndApprovalLatency(Statistics statistics) {
        StatisticsReport report = statistics.report("auditor", FROM, TO);

        assertThat(report.treeChanges()).isEqualTo(3);
        assertThat(report.treeChangesByDay()).containsExactly(
                new TreeDayCount(FROM, "CREATE", "applied", 1), new TreeDayCount(FROM, "CREATE", "rejected", 1),
                new TreeDayCount(FROM.plusDays(4), "UPDATE", "pending approval", 1));
        // 30 min and 90 min; the pending change has no decision yet
        assertThat(report.treeApprovalLatency()).containsExactly(new WeekPercentiles(FROM, 2, 1800, 5400));
    }

    /**
     * A ticket whose rollback failed was executed: the outcome chart says its rollback failed, in line with the
     * executions' figure that counts it a success, never "failed" as an execution that failed.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aFailedRollbackIsNotAFailedExecution(Statistics statistics) {
        LocalDate day = LocalDate.of(2026, 9, 15);
        StatisticsReport report = statistics.report("auditor", day, day);
        assertThat(report.ticketsByOutcome()).containsExactly(new DayCount(day, "rollback failed", 1));
        assertThat(report.executions()).isEqualTo(new Outcomes(1, 0, 100.0));
    }

    /**
     * A ticket approved and then withdrawn before it ran was approved: it dropped out of the approval rate, which
     * inferred "approved" from the statuses only an approved ticket reaches (a helper's finding), while the review wait
     * of the same report counted it. A ticket withdrawn with one of its two approvals was not.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aTicketApprovedThenWithdrawnCountsAsApproved(Statistics statistics) {
        LocalDate day = LocalDate.of(2026, 9, 20);
        StatisticsReport report = statistics.report("auditor", day, day);
        assertThat(report.approvalByInstance()).containsExactly(new Rate("prod-db", 1, 1, 50, 50));
        assertThat(report.approvalBySubmitter()).containsExactly(new Rate("gina", 1, 1, 50, 50));
    }

    /**
     * A ticket nobody approved is not counted approved, nor its refused run a failed execution, whatever its status
     * (a helper's admin moved one to its execution in Cockpit; the gate refused it, EXECUTION_FAILED, and the
     * statistics inferred an approval and a failed execution from the status).
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aTicketNobodyApprovedIsNotCountedApprovedWhateverItsStatus(Statistics statistics) {
        LocalDate day = LocalDate.of(2026, 9, 25);
        StatisticsReport report = statistics.report("auditor", day, day);
        assertThat(report.approvalByInstance()).containsExactly(new Rate("prod-db", 0, 0, 0, 0));
        assertThat(report.executions()).isEqualTo(new Outcomes(0, 0, 0.0));
    }

    /**
     * Three of a helper's findings: a failed execution a DBA then rolled back (ROLLED_BACK) was counted a success; its
     * failed statement's -1 rows took one off the rows changed; an approval given before the ticket's process was
     * restarted counted beside the rejection of the new round, approved and rejected both.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aFailedRunRolledBackFailedAndOnlyTheCurrentRoundsApprovalsCount(Statistics statistics) {
        LocalDate day = LocalDate.of(2026, 9, 28);
        StatisticsReport report = statistics.report("auditor", day, day);
        assertThat(report.executions()).isEqualTo(new Outcomes(0, 1, 0.0));
        assertThat(report.rowsChangedByEnvironment()).containsExactly(new Count("PROD", 1));
        assertThat(report.approvalBySubmitter()).containsExactly(new Rate("ivan", 1, 1, 50, 50));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRangeWithNothingInItHasZeros(Statistics statistics) {
        StatisticsReport report = statistics.report("auditor", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 31));
        assertThat(report.tickets()).isZero();
        assertThat(report.ticketsByOutcome()).isEmpty();
        assertThat(report.executions()).isEqualTo(new Outcomes(0, 0, 0));
        assertThat(report.rollbacksPer100()).isZero();
        assertThat(report.reviewWait()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rangesAreCheckedAndDefaulted(Statistics statistics) {
        assertThatThrownBy(() -> statistics.report("auditor", TO, FROM)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("must not be after");
        assertThatThrownBy(() -> statistics.report("auditor", FROM.minusDays(400), TO))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 366 days");
        StatisticsReport lastThirtyDays = statistics.report("auditor", null, null);
        assertThat(lastThirtyDays.from()).isEqualTo(LocalDate.of(2026, 10, 10));
        assertThat(lastThirtyDays.to()).isEqualTo(TO);
        assertThat(lastThirtyDays.tickets()).isEqualTo(8); // T7 on 31 Oct included, T9 on 9 Nov not
        assertThat(statistics.report("auditor", FROM, null).to()).isEqualTo(FROM.plusDays(29));
    }

    private static DayCount day(int november, String key, long count) {
        return new DayCount(LocalDate.of(2026, 11, november), key, count);
    }

    private static LocalDateTime at(int november, int hour, int minute) {
        return LocalDateTime.of(2026, 11, november, hour, minute);
    }

    private static void instance(JdbcTemplate jdbc, String name, String environment) {
        jdbc.update("insert into target_instance (id, name, host, port, username, password_cipher, environment,"
                + " read_only, reviewer_group, updated_by) values (?, ?, 'localhost', 3306, 'u', 'x', ?, false,"
                + " 'reviewer', 'admin')", UUID.randomUUID().toString(), name, environment);
    }

    private static void ticket(JdbcTemplate jdbc, String id, String instance, String submitter, String status,
                               LocalDateTime submitted) {
        jdbc.update("insert into sql_ticket (ticket_id, title, instance_name, database_name, sql_text, reason,"
                + " submitter, execution_mode, status, statement_count, abort_requested, submitted_at, updated_at)"
                + " values (?, 't', ?, 'db', 'SELECT 1', 'r', ?, 'MANUAL', ?, 1, false, ?, ?)",
                id, instance, submitter, status, submitted, submitted);
    }

    /** An event of the trail; an approval is recorded in the gate's own record too, in the ticket's round. */
    private static void event(JdbcTemplate jdbc, String ticket, String type, LocalDateTime at) {
        jdbc.update("insert into sql_ticket_event (ticket_id, event_type, actor, occurred_at) values (?, ?, 'x', ?)",
                ticket, type, at);
        if ("APPROVED".equals(type)) {
            Integer before = jdbc.queryForObject("select count(*) from approval_decision where subject_id = ?",
                    Integer.class, ticket);
            decision(jdbc, ticket, jdbc.queryForObject("select review_round from sql_ticket where ticket_id = ?",
                    Integer.class, ticket), before == 0 ? "reviewer" : "dba", true, at);
        }
    }

    private static void decision(JdbcTemplate jdbc, String ticket, int round, String step, boolean approved,
                                 LocalDateTime at) {
        jdbc.update("insert into approval_decision (subject_kind, subject_id, subject_round, step, decider,"
                + " decider_groups, approved, content_hash, decided_at) values ('TICKET', ?, ?, ?, 'x', 'reviewer', ?,"
                + " 'h', ?)", ticket, round, step, approved, at);
    }

    private static void result(JdbcTemplate jdbc, String ticket, int seq, String kind, String status, long rows) {
        jdbc.update("insert into sql_ticket_result (ticket_id, run, seq, statement_no, kind, status, affected_rows)"
                + " values (?, 'EXECUTION', ?, ?, ?, ?, ?)", ticket, seq, seq + 1, kind, status, rows);
    }

    private static void finding(JdbcTemplate jdbc, String ticket, int seq, String rule) {
        jdbc.update("insert into sql_ticket_finding (ticket_id, seq, statement_no, line_no, column_no, rule_id,"
                + " finding_level, message) values (?, ?, 1, 1, 1, ?, 'WARNING', 'm')", ticket, seq, rule);
    }

    private static void change(JdbcTemplate jdbc, String id, String kind, String status, LocalDateTime requested) {
        jdbc.update("insert into service_tree_change (change_id, kind, node_id, requester, reason, status, critical,"
                + " change_json, requested_at, updated_at) values (?, ?, 1, 'sre', 'r', ?, false, '{}', ?, ?)",
                id, kind, status, requested, requested);
    }

    private static void changeEvent(JdbcTemplate jdbc, String change, String type, LocalDateTime at) {
        jdbc.update("insert into service_tree_change_event (change_id, event_type, actor, occurred_at)"
                + " values (?, ?, 'x', ?)", change, type, at);
    }
}
