package io.tollgate.engine.ticket.internal.journal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tollgate.engine.ticket.FindingCount;
import io.tollgate.engine.ticket.TicketFinding;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A ticket's review findings as rows of {@code sql_ticket_finding} (issue 13): written in the review's transaction in
 * batches, read a page at a time by position ({@code seq}, dense from 0), so that no read holds more than a page
 * whatever the ticket's size.
 */
@Component
public class TicketFindings {

    private static final int MAX_MESSAGE = 4000;
    private static final int MAX_RULE = 100;

    private final JdbcTemplate jdbc;

    TicketFindings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the ticket's findings with {@code findings}, in their order; joins the caller's transaction. */
    void replace(String ticketId, List<TicketFinding> findings) {
        clear(ticketId);
        MultiRowInsert.into(jdbc, "insert into sql_ticket_finding (ticket_id, seq, statement_no, line_no, column_no,"
                        + " rule_id, finding_level, message) values (?, ?, ?, ?, ?, ?, ?, ?)", findings,
                (i, f) -> new Object[] {ticketId, i, f.statement(), f.line(), f.column(), cut(f.ruleId(), MAX_RULE),
                        cut(f.level(), 10), cut(f.message(), MAX_MESSAGE)});
    }

    void clear(String ticketId) {
        jdbc.update("delete from sql_ticket_finding where ticket_id = ?", ticketId);
    }

    /** The findings at positions {@code offset} to {@code offset + limit - 1}, in review order. */
    public List<TicketFinding> page(String ticketId, int offset, int limit) {
        return jdbc.query("select statement_no, line_no, column_no, rule_id, finding_level, message"
                        + " from sql_ticket_finding where ticket_id = ? and seq >= ? and seq < ? order by seq",
                (rs, n) -> new TicketFinding(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)),
                ticketId, offset, (long) offset + limit);
    }

    /** The counts per rule and level, errors first, then by rule. */
    public static List<FindingCount> summarise(List<TicketFinding> findings) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (TicketFinding f : findings) {
            counts.computeIfAbsent(f.ruleId(), r -> new TreeMap<>()).merge(f.level(), 1, Integer::sum);
        }
        List<FindingCount> summary = new ArrayList<>();
        counts.forEach((rule, levels) -> levels.forEach((level, n) -> summary.add(new FindingCount(rule, level, n))));
        summary.sort(Comparator.comparing((FindingCount c) -> !"ERROR".equals(c.level()))
                .thenComparing(FindingCount::ruleId));
        return summary;
    }

    private static String cut(String s, int max) {
        String value = s == null ? "" : s;
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
