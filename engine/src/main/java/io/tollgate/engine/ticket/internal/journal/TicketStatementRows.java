package io.tollgate.engine.ticket.internal.journal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.tollgate.engine.ticket.RollbackStep;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.integrations.mysql.execution.InverseRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * A ticket's per-statement results ({@code sql_ticket_result}, one run each for the last execution and the last
 * rollback) and its recorded rollback SQL ({@code sql_ticket_rollback_step}), issue 13: written in the step's
 * transaction in batches, read a page at a time by position ({@code seq}, dense from 0).
 */
@Component
public class TicketStatementRows {

    /** Which run's results. */
    public enum Run { EXECUTION, ROLLBACK }

    private static final int BATCH = 1000;
    private static final int MAX_MESSAGE = 4000;

    private final JdbcTemplate jdbc;

    TicketStatementRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void replaceResults(String ticketId, Run run, List<StatementResult> results) {
        jdbc.update("delete from sql_ticket_result where ticket_id = ? and run = ?", ticketId, run.name());
        MultiRowInsert.into(jdbc, "insert into sql_ticket_result (ticket_id, run, seq, statement_no, kind, status,"
                        + " affected_rows, message) values (?, ?, ?, ?, ?, ?, ?, ?)", results,
                (i, r) -> new Object[] {ticketId, run.name(), i, r.index(), cut(r.kind(), 60),
                        cut(r.status() == null ? "UNKNOWN" : r.status(), 30), r.affectedRows(),
                        r.message() == null ? null : cut(r.message(), MAX_MESSAGE)});
    }

    /**
     * A ticket's recorded rollback SQL as its executor hands it over: a page at a time, in rollback order, so that a
     * ticket of any size is copied in bounded memory (issue 13, ADR 0023).
     */
    @FunctionalInterface
    public interface RollbackSqlPages {

        RollbackSqlPages NONE = page -> 0;

        /**
         * Hands each page to {@code page}, in rollback order; returns how many steps there were, or a negative number
         * when it could not read them all (what it handed over is then dropped).
         */
        int forEachPage(java.util.function.Consumer<List<RollbackStep>> page);
    }

    /**
     * Replaces the ticket's rollback SQL with {@code pages}, writing each page as it comes; returns the steps kept.
     * An inverse Tollgate already recorded (an earlier run's statement) keeps the recorded text, even if the ledger
     * now says otherwise: the copy stays what people saw and approved, and the rollback's check against it (ADR 0044)
     * then finds the difference. With an earlier copy, the new rows are written under negative positions first and
     * take the old ones' place at the end, so the old copy is there to compare with while the new one is written; a
     * first copy (the usual case) is written in place.
     */
    int replaceRollbackSql(TicketEntry ticket, RollbackSqlPages pages) {
        String ticketId = ticket.ticketId();
        jdbc.update("delete from sql_ticket_rollback_step where ticket_id = ? and seq < 0", ticketId);
        boolean earlier = ticket.rollbackSqlCount() > 0; // the steps the last copy kept
        int[] written = {0};
        int counted = pages.forEachPage(page -> {
            int from = written[0];
            Map<Integer, String> recorded = earlier ? recorded(ticketId, page) : Map.of();
            MultiRowInsert.into(jdbc, "insert into sql_ticket_rollback_step (ticket_id, seq, statement_no, sql_text)"
                            + " values (?, ?, ?, ?)", page,
                    (i, s) -> new Object[] {ticketId, earlier ? -(from + i) - 1 : from + i, s.statement(),
                            recorded.containsKey(s.statement()) ? recorded.get(s.statement()) : s.sql()});
            written[0] += page.size();
        });
        if (counted < 0) {
            // the source could not be read to the end: no rollback SQL rather than part of it
            jdbc.update("delete from sql_ticket_rollback_step where ticket_id = ?", ticketId);
            return 0;
        }
        if (earlier) {
            jdbc.update("delete from sql_ticket_rollback_step where ticket_id = ? and seq >= 0", ticketId);
            jdbc.update("update sql_ticket_rollback_step set seq = -seq - 1 where ticket_id = ? and seq < 0", ticketId);
        }
        return written[0];
    }

    /** The inverses already recorded (non-negative positions) for the statements of {@code page}, by statement. */
    private Map<Integer, String> recorded(String ticketId, List<RollbackStep> page) {
        Map<Integer, String> recorded = new HashMap<>();
        if (page.isEmpty()) {
            return recorded;
        }
        int low = page.stream().mapToInt(RollbackStep::statement).min().orElseThrow();
        int high = page.stream().mapToInt(RollbackStep::statement).max().orElseThrow();
        jdbc.query("select statement_no, sql_text from sql_ticket_rollback_step where ticket_id = ?"
                        + " and statement_no between ? and ? and seq >= 0",
                (RowCallbackHandler) rs -> recorded.put(rs.getInt(1), rs.getString(2)), ticketId, low, high);
        return recorded;
    }

    /**
     * Tollgate's record of the ticket's inverses, which its rollback checks the target's ledger against (ADR 0044):
     * the copied rows, read a page at a time in rollback order as the rollback asks; the JSON of a ticket executed
     * before the rows existed; no record when nothing was copied.
     */
    InverseRecord inverseRecord(TicketEntry ticket) {
        if (ticket.rollbackSqlJson() != null) {
            Map<Integer, String> steps = new HashMap<>();
            TicketJson.rollbackSql(ticket.rollbackSqlJson()).forEach(s -> steps.put(s.statement(), s.sql()));
            return new InverseRecord() {
                @Override
                public boolean matches(int index, String sql) {
                    return steps.containsKey(index) && Objects.equals(steps.get(index), sql);
                }

                @Override
                public int count() {
                    return steps.size();
                }
            };
        }
        if (ticket.rollbackSqlCount() == 0) {
            return InverseRecord.NONE;
        }
        String ticketId = ticket.ticketId();
        int count = ticket.rollbackSqlCount();
        Map<Integer, String> page = new HashMap<>();
        return new InverseRecord() {
            @Override
            public boolean matches(int index, String sql) {
                if (!page.containsKey(index)) {
                    page.clear();
                    jdbc.query("select statement_no, sql_text from sql_ticket_rollback_step where ticket_id = ?"
                                    + " and statement_no <= ? order by statement_no desc limit " + BATCH,
                            (RowCallbackHandler) rs -> page.put(rs.getInt(1), rs.getString(2)), ticketId, index);
                }
                return page.containsKey(index) && Objects.equals(page.get(index), sql);
            }

            @Override
            public int count() {
                return count;
            }
        };
    }

    /**
     * How many statements the ticket's last execution run recorded as completed (EXECUTED or ALREADY_DONE): the
     * first that many, since a run stops at its first statement that does not complete. The next run checks the
     * ledger against it (ADR 0044).
     */
    int completed(TicketEntry ticket) {
        if (ticket.executionJson() != null) {
            return (int) TicketJson.results(ticket.executionJson()).stream()
                    .filter(r -> "EXECUTED".equals(r.status()) || "ALREADY_DONE".equals(r.status())).count();
        }
        Integer done = jdbc.queryForObject("select count(*) from sql_ticket_result where ticket_id = ? and run = ?"
                + " and status in ('EXECUTED', 'ALREADY_DONE')", Integer.class, ticket.ticketId(), Run.EXECUTION.name());
        return done == null ? 0 : done;
    }

    /**
     * Whether the ticket's last execution run reported a statement done (in that run or an earlier one): its result
     * rows, or the JSON of a ticket executed before they existed.
     */
    public boolean anyExecuted(TicketEntry ticket) {
        return completed(ticket) > 0;
    }

    public List<StatementResult> results(String ticketId, Run run, int offset, int limit) {
        return jdbc.query("select statement_no, kind, status, affected_rows, message from sql_ticket_result"
                        + " where ticket_id = ? and run = ? and seq >= ? and seq < ? order by seq",
                (rs, n) -> new StatementResult(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5)),
                ticketId, run.name(), offset, (long) offset + limit);
    }

    public List<RollbackStep> rollbackSql(String ticketId, int offset, int limit) {
        return jdbc.query("select statement_no, sql_text from sql_ticket_rollback_step"
                        + " where ticket_id = ? and seq >= ? and seq < ? order by seq",
                (rs, n) -> new RollbackStep(rs.getInt(1), rs.getString(2)), ticketId, offset, (long) offset + limit);
    }

    private static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
