package io.tollgate.integrations.mysql.execution.internal;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLStatement;
import io.tollgate.integrations.mysql.execution.ExecutionReport;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Kind;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import io.tollgate.integrations.mysql.execution.StatementSupport;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a ticket's statements before anything connects, and finds the first the executor refuses: the statements
 * (null where one cannot be parsed), the refused one's index from 1, and why (null when none is refused).
 */
public record StatementPlan(List<SQLStatement> parsed, int refusedIndex, String refusal) {

    /**
     * Parses the statements in order; the first that cannot be parsed, is refused alone, names a schema only Tollgate
     * writes (or runs in it), or is read otherwise by the server (a comment it ends elsewhere, code it runs in one) is the one
     * refused.
     */
    public static StatementPlan of(List<String> statements, String database, StatementSupport.Ledger ledger) {
        List<SQLStatement> parsed = new ArrayList<>();
        int refusedIndex = 0;
        String refusal = null;
        for (int i = 0; i < statements.size(); i++) {
            String sql = statements.get(i);
            if (refusal == null) {
                StatementSupport.Refusal named = ledger.refusal(sql, database)
                        .or(() -> StatementSupport.readOtherwise(sql)).orElse(null);
                if (named != null) {
                    refusedIndex = i + 1;
                    refusal = named.message();
                }
            }
            SQLStatement ast = null;
            try {
                ast = SQLUtils.parseSingleMysqlStatement(statements.get(i));
            } catch (RuntimeException e) {
                if (refusal == null) {
                    refusedIndex = i + 1;
                    refusal = "cannot parse: " + e.getMessage();
                }
            }
            if (ast != null && refusal == null && refusal(ast) != null) {
                refusedIndex = i + 1;
                refusal = refusal(ast);
            }
            parsed.add(ast);
        }
        return new StatementPlan(parsed, refusedIndex, refusal);
    }

    /** The report of a run that refused the ticket: the refused statement FAILED, every other NOT_RUN. */
    public ExecutionReport refused(String ticketId, String database) {
        return refused(ticketId, database, parsed, refusedIndex, refusal);
    }

    /** The statement parsed, or null when it cannot be. */
    static SQLStatement parse(String sql) {
        try {
            return SQLUtils.parseSingleMysqlStatement(sql);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Why the statement alone is refused ({@link StatementSupport}), null when it is not. */
    private static String refusal(SQLStatement ast) {
        return StatementSupport.refusal(ast).map(StatementSupport.Refusal::message).orElse(null);
    }

    private static ExecutionReport refused(String ticketId, String database, List<SQLStatement> parsed, int index,
                                           String reason) {
        List<StatementOutcome> outcomes = new ArrayList<>();
        for (int i = 1; i <= parsed.size(); i++) {
            SQLStatement ast = parsed.get(i - 1);
            Kind kind = ast == null ? null : DmlChange.isDml(ast) ? Kind.DML : Kind.DDL;
            outcomes.add(i == index
                    ? new StatementOutcome(i, kind, Status.FAILED, -1, "statement " + i + " refused, nothing ran: " + reason)
                    : new StatementOutcome(i, kind, Status.NOT_RUN, -1, null));
        }
        return new ExecutionReport(ticketId, database, outcomes);
    }
}
