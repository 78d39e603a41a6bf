package io.tollgate.engine.review.internal.rules;

import io.tollgate.engine.review.internal.statement.Sql;
import io.tollgate.engine.review.internal.statement.Stmt;

import static io.tollgate.engine.review.RuleCategory.STATEMENT;
import static io.tollgate.engine.review.RuleLevel.ERROR;
import static io.tollgate.engine.review.RuleLevel.WARNING;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import com.alibaba.druid.sql.ast.expr.SQLBooleanExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.statement.SQLCommitStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateFunctionStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateProcedureStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTriggerStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateUserStatement;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropUserStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLGrantStatement;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLJoinTableSource;
import com.alibaba.druid.sql.ast.statement.SQLLockTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLReplaceStatement;
import com.alibaba.druid.sql.ast.statement.SQLRevokeStatement;
import com.alibaba.druid.sql.ast.statement.SQLRollbackStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import com.alibaba.druid.sql.ast.statement.SQLStartTransactionStatement;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import com.alibaba.druid.sql.ast.statement.SQLUseStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlCreateEventStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlCreateUserStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlDeleteStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlLockTableStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlUpdateStatement;
import java.util.List;

/** Rules about statements as a whole (mostly DML and queries). */
public final class StatementRules {

    /** What to do about a statement that does not parse. */
    static final String SYNTAX_FIX = "Correct the SQL at the reported position; run it against a test database if unsure.";

    private StatementRules() {
    }

    static List<Rule> rules() {
        return List.of(
                new Rule("stmt.syntax-error", STATEMENT, ERROR,
                        "The statement must parse as MySQL (unterminated strings or comments, garbage, typos).",
                        SYNTAX_FIX,
                        (s, run, v) -> {
                            // reported by the reviewer itself from the parse error; here only for the catalogue and levels
                        }),
                new Rule("stmt.dml-without-where", STATEMENT, ERROR,
                        "UPDATE and DELETE must have a WHERE clause.",
                        "Add a WHERE clause that selects only the rows to change; to empty a table on purpose, say so in a TRUNCATE ticket.",
                        (s, run, v) -> {
                            if (where(s) == null && (s.ast instanceof SQLUpdateStatement || s.ast instanceof SQLDeleteStatement)) {
                                v.report(s.kind + " without WHERE changes every row of the table.");
                            }
                        }),
                new Rule("stmt.where-always-true", STATEMENT, ERROR,
                        "UPDATE and DELETE must not use a WHERE clause that is always true (WHERE 1=1, WHERE TRUE).",
                        "Replace the condition with one that selects only the rows to change.",
                        (s, run, v) -> {
                            SQLExpr w = where(s);
                            if (w != null && alwaysTrue(w)) {
                                v.report(s.kind + " has a WHERE clause that is always true (" + w + ").", "where");
                            }
                        }),
                new Rule("stmt.dml-with-limit", STATEMENT, WARNING,
                        "UPDATE and DELETE should not use LIMIT: which rows it hits is not deterministic, and replicas may differ.",
                        "Select the rows with a WHERE clause on a key instead of LIMIT.",
                        (s, run, v) -> {
                            if ((s.ast instanceof MySqlUpdateStatement u && u.getLimit() != null)
                                    || (s.ast instanceof MySqlDeleteStatement d && d.getLimit() != null)) {
                                v.report(s.kind + " uses LIMIT.", "limit");
                            }
                        }),
                new Rule("stmt.dml-with-order-by", STATEMENT, WARNING,
                        "UPDATE and DELETE should not use ORDER BY: it sorts rows needlessly and usually comes with LIMIT.",
                        "Remove ORDER BY and select the rows with a WHERE clause on a key.",
                        (s, run, v) -> {
                            if ((s.ast instanceof MySqlUpdateStatement u && u.getOrderBy() != null)
                                    || (s.ast instanceof MySqlDeleteStatement d && d.getOrderBy() != null)) {
                                v.report(s.kind + " uses ORDER BY.", "order by");
                            }
                        }),
                new Rule("stmt.multi-table-dml", STATEMENT, WARNING,
                        "UPDATE and DELETE should change one table: multi-table statements are hard to estimate and to roll back.",
                        "Split it into one statement per table, each with its own WHERE clause.",
                        (s, run, v) -> {
                            if ((s.ast instanceof SQLUpdateStatement u && u.getTableSource() instanceof SQLJoinTableSource)
                                    || (s.ast instanceof SQLDeleteStatement d && (d.getFrom() != null || d.getUsing() != null
                                    || d.getTableSource() instanceof SQLJoinTableSource))) {
                                v.report(s.kind + " joins several tables.", "join");
                            }
                        }),
                new Rule("stmt.insert-without-columns", STATEMENT, ERROR,
                        "INSERT and REPLACE must name their columns.",
                        "List the columns: INSERT INTO t (a, b) VALUES (...), so the statement survives column changes.",
                        (s, run, v) -> {
                            if ((s.ast instanceof SQLInsertStatement i && i.getColumns().isEmpty())
                                    || (s.ast instanceof SQLReplaceStatement r && r.getColumns().isEmpty())) {
                                v.report(s.kind + " has no column list.");
                            }
                        }),
                new Rule("stmt.insert-select", STATEMENT, WARNING,
                        "INSERT ... SELECT locks the rows it reads and its size is unknown before it runs.",
                        "Insert explicit VALUES, or run the copy in batches over key ranges.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLInsertStatement i && i.getQuery() != null) {
                                v.report("INSERT takes its rows from a SELECT.", "select");
                            }
                        }),
                new Rule("stmt.insert-max-rows", STATEMENT, WARNING,
                        "One INSERT ... VALUES should not carry more rows than the configured limit (tollgate.review.max-insert-rows).",
                        "Split the rows into several INSERT statements.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLInsertStatement i && i.getValuesList().size() > run.properties.maxInsertRows()) {
                                v.report("INSERT carries " + i.getValuesList().size() + " rows; the limit is "
                                        + run.properties.maxInsertRows() + ".");
                            }
                        }),
                new Rule("stmt.replace-into", STATEMENT, WARNING,
                        "REPLACE deletes and re-inserts rows: it fires delete triggers, changes auto-increment values and cascades.",
                        "Use INSERT ... ON DUPLICATE KEY UPDATE, or an UPDATE.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLReplaceStatement) {
                                v.report("REPLACE is used.");
                            }
                        }),
                new Rule("stmt.select-star", STATEMENT, WARNING,
                        "Queries should name their columns instead of SELECT *.",
                        "List the columns you need.",
                        (s, run, v) -> {
                            if ((s.ast instanceof SQLSelectStatement || s.ast instanceof SQLInsertStatement) && s.facts().selectStar) {
                                v.report("SELECT * is used.", "*");
                            }
                        }),
                new Rule("stmt.order-by-rand", STATEMENT, ERROR,
                        "ORDER BY RAND() sorts the whole result in a temporary table.",
                        "Pick random rows by key range in the application instead.",
                        (s, run, v) -> {
                            if (s.ast != null && s.isDmlOrQuery() && s.facts().orderByRand) {
                                v.report("ORDER BY RAND() is used.", "rand");
                            }
                        }),
                new Rule("stmt.leading-wildcard-like", STATEMENT, WARNING,
                        "LIKE patterns should not start with % in a WHERE clause: no index can be used.",
                        "Anchor the pattern at its start, or use a FULLTEXT index.",
                        (s, run, v) -> {
                            if (s.isDmlOrQuery() && s.facts().leadingWildcard != null) {
                                v.report("LIKE '" + s.facts().leadingWildcard + "' starts with a wildcard.", s.facts().leadingWildcard);
                            }
                        }),
                new Rule("stmt.mixed-ddl-dml", STATEMENT, WARNING,
                        "A ticket should not mix schema changes (DDL) and data changes (DML): they are approved, executed and rolled back differently.",
                        "Submit the DDL and the DML as two tickets.",
                        (s, run, v) -> {
                            // a property of the whole script: the reviewer reports it on the first DML statement once all are seen
                        }),
                new Rule("stmt.cross-database", STATEMENT, WARNING,
                        "Statements should only touch the ticket's database.",
                        "Submit changes to another database as a ticket for that database, without a database qualifier.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLUseStatement u && run.ticketDatabase != null
                                    && !run.ticketDatabase.equalsIgnoreCase(Sql.name(u.getDatabase()))) {
                                v.report("USE switches from the ticket's database " + run.ticketDatabase + " to " + Sql.name(u.getDatabase()) + ".");
                                return;
                            }
                            if (s.ast == null || run.currentDatabase == null) {
                                return;
                            }
                            for (SQLExprTableSource ts : s.facts().tables) {
                                Sql.TableRef ref = run.table(ts);
                                if (ref != null && ref.qualified() && !ref.database().equalsIgnoreCase(run.currentDatabase)) {
                                    v.report("Table " + ref.database() + "." + ref.table() + " is in another database than "
                                            + run.currentDatabase + ".", ref.database());
                                    return;
                                }
                            }
                        }),
                new Rule("stmt.lock-tables", STATEMENT, ERROR,
                        "LOCK TABLES blocks every other session on the tables until the ticket ends.",
                        "Remove LOCK TABLES / UNLOCK TABLES; Tollgate runs each statement in its own transaction.",
                        (s, run, v) -> {
                            if (s.ast instanceof MySqlLockTableStatement || s.ast instanceof SQLLockTableStatement) {
                                v.report("LOCK TABLES is used.");
                            }
                        }),
                new Rule("stmt.transaction-control", STATEMENT, WARNING,
                        "Scripts should not control transactions (START TRANSACTION, COMMIT, ROLLBACK): Tollgate does.",
                        "Remove the transaction statements.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLStartTransactionStatement || s.ast instanceof SQLCommitStatement
                                    || s.ast instanceof SQLRollbackStatement || "BEGIN".equals(s.kind)) {
                                v.report(s.kind + " controls the transaction.");
                            }
                        }),
                new Rule("stmt.privilege-change", STATEMENT, ERROR,
                        "Accounts and privileges (GRANT, REVOKE, CREATE/DROP USER) are not changed through SQL tickets.",
                        "Ask a DBA to change accounts and privileges.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLGrantStatement || s.ast instanceof SQLRevokeStatement
                                    || s.ast instanceof SQLCreateUserStatement || s.ast instanceof MySqlCreateUserStatement
                                    || s.ast instanceof SQLDropUserStatement) {
                                v.report(s.kind + " changes accounts or privileges.");
                            }
                        }),
                new Rule("stmt.stored-routine", STATEMENT, WARNING,
                        "Procedures, functions, triggers and events hide logic in the database and are hard to review.",
                        "Keep the logic in the application; if it must live in the database, have a DBA review it.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLCreateProcedureStatement || s.ast instanceof SQLCreateFunctionStatement
                                    || s.ast instanceof SQLCreateTriggerStatement || s.ast instanceof MySqlCreateEventStatement) {
                                v.report(s.kind + " creates stored code.");
                            }
                        }));
    }

    static SQLExpr where(Stmt s) {
        if (s.ast instanceof SQLUpdateStatement u) {
            return u.getWhere();
        }
        if (s.ast instanceof SQLDeleteStatement d) {
            return d.getWhere();
        }
        return null;
    }

    private static boolean alwaysTrue(SQLExpr w) {
        if (w instanceof SQLBooleanExpr b) {
            return b.getBooleanValue();
        }
        if (w instanceof SQLIntegerExpr i) {
            return i.getNumber().longValue() != 0;
        }
        if (w instanceof SQLBinaryOpExpr op) {
            if (op.getOperator() == SQLBinaryOperator.Equality && op.getLeft() != null && op.getRight() != null
                    && (op.getLeft() instanceof SQLIntegerExpr || op.getLeft() instanceof com.alibaba.druid.sql.ast.expr.SQLCharExpr)
                    && op.getLeft().equals(op.getRight())) {
                return true;
            }
            if (op.getOperator() == SQLBinaryOperator.BooleanOr) {
                return alwaysTrue(op.getLeft()) || alwaysTrue(op.getRight());
            }
            if (op.getOperator() == SQLBinaryOperator.BooleanAnd) {
                return alwaysTrue(op.getLeft()) && alwaysTrue(op.getRight());
            }
        }
        return false;
    }
}
