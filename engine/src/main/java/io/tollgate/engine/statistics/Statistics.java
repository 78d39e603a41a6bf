package io.tollgate.engine.statistics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.approval.ApprovalSubject;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.engine.statistics.StatisticsReport.Count;
import io.tollgate.engine.statistics.StatisticsReport.DayCount;
import io.tollgate.engine.statistics.StatisticsReport.Outcomes;
import io.tollgate.engine.statistics.StatisticsReport.Rate;
import io.tollgate.engine.statistics.StatisticsReport.TreeDayCount;
import io.tollgate.engine.statistics.StatisticsReport.WeekPercentiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the statistics of a range of days for someone who may read them. Everything comes from Tollgate's own
 * records (the ticket rows and their trail, findings and results; the service-tree change rows and their events),
 * grouped and counted by the database; only the wait percentiles are taken in Java, from one pair of times per
 * ticket (or change) of the range. Days are UTC days, as the times are stored.
 */
@Component
public class Statistics {

    /** The longest range one report covers. */
    public static final int MAX_DAYS = 366;
    /** The range when none is asked for: the last 30 days, today included. */
    public static final int DEFAULT_DAYS = 30;
    static final int TOP = 10;

    /** The outcome of a ticket by its status (those still moving are "in progress"). */
    static final String OUTCOME = "case t.status"
            + " when 'EXECUTED' then 'executed' when 'REJECTED' then 'rejected'"
            + " when 'REVIEW_FAILED' then 'review failed' when 'WITHDRAWN' then 'withdrawn'"
            + " when 'EXECUTION_FAILED' then 'failed' when 'CLOSED_FAILED' then 'failed'"
            + " when 'ROLLBACK_FAILED' then 'rollback failed' when 'ROLLED_BACK' then 'rolled back'"
            + " else 'in progress' end";
    /**
     * A ticket approved: its recorded approvals, one and the DBA's when it needed one, not its status (a helper's admin
     * moved a ticket nobody approved to its execution in Cockpit; the gate refused it, EXECUTION_FAILED, and the
     * statistics counted it approved and a failed execution). Of its current round only, in the gate's own record
     * ({@code approval_decision}): an approval given before its process was restarted, or before a resubmission, no
     * longer counts, and a ticket was counted approved and rejected both (another helper's finding).
     */
    static final String APPROVED = "(select count(distinct d.step) from approval_decision d where d.subject_kind = '"
            + ApprovalSubject.TICKET + "' and d.subject_id = t.ticket_id and d.subject_round = t.review_round"
            + " and d.approved = true) >= case when t.dba_approval_required then 2 else 1 end";
    /** The ticket's statements all ran, at some point: its trail has EXECUTED, whatever became of it since. */
    static final String RAN = "exists (select 1 from sql_ticket_event x where x.ticket_id = t.ticket_id"
            + " and x.event_type = 'EXECUTED')";
    /** Its execution failed and never completed since (a DBA's retry that succeeded makes it {@link #RAN}). */
    static final String FAILED = "exists (select 1 from sql_ticket_event x where x.ticket_id = t.ticket_id"
            + " and x.event_type = 'EXECUTION_FAILED') and not " + RAN;
    private static final String IN_RANGE = " t.submitted_at >= ? and t.submitted_at < ?";

    private final JdbcTemplate jdbc;
    private final Permissions permissions;
    private final Clock clock;

    Statistics(JdbcTemplate jdbc, Permissions permissions, Clock clock) {
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** The last {@link #DEFAULT_DAYS} days, today (UTC) included. */
    public DateRange defaultRange() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return new DateRange(today.minusDays(DEFAULT_DAYS - 1L), today);
    }

    /**
     * The report for the days {@code from} to {@code to} (both included; either missing: the default range's end).
     *
     * @throws InvalidRequestException when {@code from} is after {@code to} or the range is longer than a year
     */
    @Transactional(readOnly = true)
    public StatisticsReport report(String reader, LocalDate from, LocalDate to) {
        permissions.require(reader, Permission.READ_STATISTICS);
        DateRange range = range(from, to);
        Object[] between = {start(range.from()), start(range.to().plusDays(1))};

        long tickets = count("select count(*) from sql_ticket t where" + IN_RANGE, between);
        List<DayCount> byOutcome = dayCounts("select cast(t.submitted_at as date), " + OUTCOME + ", count(*)"
                + " from sql_ticket t where" + IN_RANGE + " group by cast(t.submitted_at as date), " + OUTCOME
                + " order by 1, 2", between);
        List<DayCount> byInstance = dayCounts("select cast(t.submitted_at as date), t.instance_name, count(*)"
                + " from sql_ticket t where" + IN_RANGE + " group by cast(t.submitted_at as date), t.instance_name"
                + " order by 1, 2", between);
        List<DayCount> byEnvironment = dayCounts("select cast(t.submitted_at as date),"
                + " coalesce(i.environment, 'unknown'), count(*) from sql_ticket t"
                + " left join target_instance i on i.name = t.instance_name where" + IN_RANGE
                + " group by cast(t.submitted_at as date), coalesce(i.environment, 'unknown') order by 1, 2", between);
        List<DayCount> byKind = dayCounts("select x.d, x.k, count(*) from (select cast(t.submitted_at as date) d,"
                + " case when max(case when r.kind = 'DDL' then 1 else 0 end) = 1 then 'DDL'"
                + " when count(r.ticket_id) > 0 then 'DML' else 'not executed' end k"
                + " from sql_ticket t left join sql_ticket_result r on r.ticket_id = t.ticket_id and r.run = 'EXECUTION'"
                + " where" + IN_RANGE + " group by t.ticket_id, t.submitted_at) x group by x.d, x.k order by 1, 2",
                between);
        List<Count> submitters = counts("select t.submitter, count(*) from sql_ticket t where" + IN_RANGE
                + " group by t.submitter order by 2 desc, 1", between, TOP);

        List<LocalDateTime[]> waits = new ArrayList<>();
        jdbc.query("select t.submitted_at,"
                + " min(case when e.event_type in ('APPROVED', 'REJECTED') then e.occurred_at end),"
                + " max(case when e.event_type = 'APPROVED' then e.occurred_at end),"
                + " min(case when e.event_type = 'EXECUTED' then e.occurred_at end)"
                + " from sql_ticket t join sql_ticket_event e on e.ticket_id = t.ticket_id where" + IN_RANGE
                + " group by t.ticket_id, t.submitted_at", rs -> {
                    waits.add(new LocalDateTime[] {time(rs, 1), time(rs, 2), time(rs, 3), time(rs, 4)});
                }, between);
        List<WeekPercentiles> reviewWait = weekly(waits, 0, 1);
        List<WeekPercentiles> executionWait = weekly(waits, 2, 3);

        // approved: every approval it needed is recorded, whatever became of it since
        String decided = "sum(case when " + APPROVED + " then 1 else 0 end),"
                + " sum(case when t.status = 'REJECTED' then 1 else 0 end)";
        List<Rate> byInstanceRate = rates("select t.instance_name, " + decided + " from sql_ticket t where" + IN_RANGE
                + " group by t.instance_name order by 1", between);
        List<Rate> bySubmitterRate = rates("select t.submitter, " + decided + " from sql_ticket t where" + IN_RANGE
                + " group by t.submitter order by 2 desc, 1", between);

        // from the trail, not the status: a failed execution a DBA then rolled back is ROLLED_BACK, and was counted
        // a success (a helper's finding)
        Outcomes executions = jdbc.query("select sum(case when " + RAN + " then 1 else 0 end),"
                + " sum(case when " + FAILED + " and " + APPROVED + " then 1 else 0 end)"
                + " from sql_ticket t where" + IN_RANGE, rs -> {
                    rs.next();
                    long ok = rs.getLong(1);
                    long failed = rs.getLong(2);
                    return new Outcomes(ok, failed, percent(ok, ok + failed));
                }, between);
        long rolledBack = count("select count(*) from sql_ticket t where t.status = 'ROLLED_BACK' and" + IN_RANGE,
                between);
        List<Count> rules = counts("select f.rule_id, count(*) from sql_ticket_finding f"
                + " join sql_ticket t on t.ticket_id = f.ticket_id where" + IN_RANGE
                + " group by f.rule_id order by 2 desc, 1", between, TOP);
        List<Count> rows = counts("select coalesce(i.environment, 'unknown'),"
                // a failed statement records -1: it changed no row, and took one off the sum (a helper's finding)
                + " sum(case when r.affected_rows > 0 then r.affected_rows else 0 end)"
                + " from sql_ticket_result r join sql_ticket t on t.ticket_id = r.ticket_id"
                + " left join target_instance i on i.name = t.instance_name"
                + " where r.run = 'EXECUTION' and" + IN_RANGE
                + " group by coalesce(i.environment, 'unknown') order by 1", between, Integer.MAX_VALUE);

        String treeRange = " c.requested_at >= ? and c.requested_at < ?";
        long treeChanges = count("select count(*) from service_tree_change c where" + treeRange, between);
        List<TreeDayCount> treeByDay = jdbc.query("select cast(c.requested_at as date), c.kind, c.status, count(*)"
                        + " from service_tree_change c where" + treeRange
                        + " group by cast(c.requested_at as date), c.kind, c.status order by 1, 2, 3",
                (rs, n) -> new TreeDayCount(rs.getObject(1, LocalDate.class), rs.getString(2),
                        rs.getString(3).toLowerCase().replace('_', ' '), rs.getLong(4)), between);
        List<LocalDateTime[]> treeWaits = new ArrayList<>();
        jdbc.query("select c.requested_at,"
                + " min(case when e.event_type in ('APPROVED', 'REJECTED') then e.occurred_at end)"
                + " from service_tree_change c join service_tree_change_event e on e.change_id = c.change_id"
                + " where" + treeRange + " group by c.change_id, c.requested_at", rs -> {
                    treeWaits.add(new LocalDateTime[] {time(rs, 1), time(rs, 2)});
                }, between);

        return new StatisticsReport(range.from(), range.to(), tickets, byOutcome, byInstance, byEnvironment, byKind,
                submitters, reviewWait, executionWait, byInstanceRate, bySubmitterRate, executions, rolledBack,
                tickets == 0 ? 0 : round(100.0 * rolledBack / tickets), rules, rows, treeChanges, treeByDay,
                weekly(treeWaits, 0, 1));
    }

    DateRange range(LocalDate from, LocalDate to) {
        DateRange fallback = defaultRange();
        LocalDate end = to == null ? (from == null ? fallback.to()
                : min(from.plusDays(DEFAULT_DAYS - 1L), io.tollgate.engine.RequestTimes.LAST_DAY)) : to;
        LocalDate start = from == null ? end.minusDays(DEFAULT_DAYS - 1L) : from;
        if (start.isAfter(end)) {
            throw new InvalidRequestException("'from' (" + start + ") must not be after 'to' (" + end + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new InvalidRequestException("a range covers at most " + MAX_DAYS + " days; " + start + " to " + end
                    + " is " + (ChronoUnit.DAYS.between(start, end) + 1));
        }
        return new DateRange(start, end);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** A range of days, both ends included. */
    public record DateRange(LocalDate from, LocalDate to) {
    }

    private static LocalDateTime start(LocalDate day) {
        return day.atStartOfDay();
    }

    private static LocalDateTime time(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }

    private long count(String sql, Object[] args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private List<DayCount> dayCounts(String sql, Object[] args) {
        return jdbc.query(sql, (rs, n) -> new DayCount(rs.getObject(1, LocalDate.class), rs.getString(2),
                rs.getLong(3)), args);
    }

    private List<Count> counts(String sql, Object[] args, int limit) {
        List<Count> all = jdbc.query(sql, (rs, n) -> new Count(rs.getString(1), rs.getLong(2)), args);
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    private List<Rate> rates(String sql, Object[] args) {
        return jdbc.query(sql, (rs, n) -> {
            long approved = rs.getLong(2);
            long rejected = rs.getLong(3);
            return new Rate(rs.getString(1), approved, rejected, percent(approved, approved + rejected),
                    percent(rejected, approved + rejected));
        }, args);
    }

    /** p50 and p95 (nearest rank) of the waits from column {@code start} to {@code end}, per week of the start. */
    static List<WeekPercentiles> weekly(List<LocalDateTime[]> pairs, int start, int end) {
        Map<LocalDate, List<Long>> byWeek = new TreeMap<>();
        for (LocalDateTime[] pair : pairs) {
            if (pair[start] != null && pair[end] != null && !pair[end].isBefore(pair[start])) {
                LocalDate week = pair[start].toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                byWeek.computeIfAbsent(week, w -> new ArrayList<>())
                        .add(Duration.between(pair[start], pair[end]).toSeconds());
            }
        }
        return byWeek.entrySet().stream().map(e -> {
            long[] sorted = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            return new WeekPercentiles(e.getKey(), sorted.length, rank(sorted, 50), rank(sorted, 95));
        }).collect(Collectors.toList());
    }

    /** The nearest-rank percentile of sorted values. */
    static long rank(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : round(100.0 * part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
