package io.tollgate.engine.review.internal.statement;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateFunctionStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateProcedureStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTriggerStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateViewStatement;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropViewStatement;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLReplaceStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import com.alibaba.druid.sql.ast.statement.SQLUseStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import io.tollgate.engine.review.Reversibility;
import io.tollgate.engine.review.RowEstimate;
import java.util.Locale;

/** One statement of the script as the rules see it: its text and position, and Druid's AST when it parsed. */
public final class Stmt {

    public final int index;
    public final String sql;
    public final int line;
    public final int column;
    /** Null when the statement did not parse; {@link #parseError} then says why. */
    public final SQLStatement ast;
    public final String parseError;
    public final int errorLine;
    public final int errorColumn;
    public final String kind;
    private final boolean ddl;
    private final boolean dml;
    private final boolean dmlOrQuery;
    /** Filled by the reviewer before the rules run, when a target is known. */
    public RowEstimate rows;
    public String explainError;
    public Reversibility reversibility;
    /** Why the executor would refuse it ({@link ExecutionRules}), null when it runs it; set with the reversibility. */
    public io.tollgate.integrations.mysql.execution.StatementSupport.Refusal refusal;
    private QueryFacts facts;
    private java.util.List<Sql.IndexDef> indexes;
    private java.util.List<com.alibaba.druid.sql.ast.statement.SQLColumnDefinition> columns;
    private java.util.List<com.alibaba.druid.sql.ast.statement.SQLColumnDefinition> newColumns;

    public Stmt(int index, String sql, int line, int column, SQLStatement ast, String parseError, int errorLine, int errorColumn) {
        this.index = index;
        this.sql = sql;
        this.line = line;
        this.column = column;
        this.ast = ast;
        this.parseError = parseError;
        this.errorLine = errorLine;
        this.errorColumn = errorColumn;
        this.kind = ast == null ? "UNPARSABLE" : kindOf(ast);
        this.ddl = ddl(ast);
        this.dml = dml(ast);
        this.dmlOrQuery = dml || ast instanceof SQLSelectStatement;
    }

    public boolean isDml() {
        return dml;
    }

    public boolean isDdl() {
        return ddl;
    }

    private static boolean dml(SQLStatement ast) {
        return ast instanceof SQLUpdateStatement || ast instanceof SQLDeleteStatement || ast instanceof SQLInsertStatement
                || ast instanceof SQLReplaceStatement;
    }

    /** 0 for DDL, 1 for DML or query, 2 for anything else (see {@link Rule#appliesTo(int)}). */
    public int statementClass() {
        return ddl ? 0 : dmlOrQuery ? 1 : 2;
    }

    public boolean isDmlOrQuery() {
        return dmlOrQuery;
    }

    private static boolean ddl(SQLStatement ast) {
        return ast instanceof SQLCreateTableStatement || ast instanceof SQLAlterTableStatement || ast instanceof SQLDropTableStatement
                || ast instanceof SQLCreateIndexStatement || ast instanceof SQLDropIndexStatement || ast instanceof SQLTruncateStatement
                || ast instanceof MySqlRenameTableStatement || ast instanceof SQLCreateDatabaseStatement
                || ast instanceof SQLDropDatabaseStatement || ast instanceof SQLCreateViewStatement || ast instanceof SQLDropViewStatement;
    }

    /** The walk over the statement most DML and query rules share, done once. */
    public QueryFacts facts() {
        if (facts == null) {
            facts = QueryFacts.of(ast);
        }
        return facts;
    }

    /** {@link Sql#definedIndexes}, computed once. */
    public java.util.List<Sql.IndexDef> indexes() {
        if (indexes == null) {
            indexes = Sql.definedIndexes(ast);
        }
        return indexes;
    }

    /** {@link Sql#definedColumns}, computed once. */
    public java.util.List<com.alibaba.druid.sql.ast.statement.SQLColumnDefinition> columns() {
        if (columns == null) {
            columns = Sql.definedColumns(ast);
        }
        return columns;
    }

    /** {@link Sql#newColumns}, computed once. */
    public java.util.List<com.alibaba.druid.sql.ast.statement.SQLColumnDefinition> newColumns() {
        if (newColumns == null) {
            newColumns = Sql.newColumns(ast);
        }
        return newColumns;
    }

    /** Line and column of {@code offset} (0-based, within this statement's text) in the whole script. */
    int[] positionAt(int offset) {
        int l = line;
        int c = column;
        int end = Math.min(offset, sql.length());
        for (int i = 0; i < end; i++) {
            if (sql.charAt(i) == '\n') {
                l++;
                c = 1;
            } else {
                c++;
            }
        }
        return new int[] {l, c};
    }

    /**
     * Position of the first case-insensitive occurrence of {@code needle} as a whole name (not inside a longer name:
     * column {@code user} of table {@code users}), else of its first occurrence anywhere, else the statement start.
     */
    public int[] positionOf(String needle) {
        if (needle == null || needle.isEmpty()) {
            return new int[] {line, column};
        }
        String text = sql.toLowerCase(Locale.ROOT);
        String wanted = needle.toLowerCase(Locale.ROOT);
        int first = text.indexOf(wanted);
        for (int i = first; i >= 0; i = text.indexOf(wanted, i + 1)) {
            if (!namePart(text, i - 1) && !namePart(text, i + wanted.length())) {
                return positionAt(i);
            }
        }
        return first < 0 ? new int[] {line, column} : positionAt(first);
    }

    private static boolean namePart(String text, int i) {
        if (i < 0 || i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static String kindOf(SQLStatement ast) {
        if (ast instanceof SQLCreateTableStatement) {
            return "CREATE_TABLE";
        } else if (ast instanceof SQLAlterTableStatement) {
            return "ALTER_TABLE";
        } else if (ast instanceof SQLDropTableStatement) {
            return "DROP_TABLE";
        } else if (ast instanceof SQLTruncateStatement) {
            return "TRUNCATE";
        } else if (ast instanceof SQLCreateIndexStatement) {
            return "CREATE_INDEX";
        } else if (ast instanceof SQLDropIndexStatement) {
            return "DROP_INDEX";
        } else if (ast instanceof MySqlRenameTableStatement) {
            return "RENAME_TABLE";
        } else if (ast instanceof SQLCreateDatabaseStatement) {
            return "CREATE_DATABASE";
        } else if (ast instanceof SQLDropDatabaseStatement) {
            return "DROP_DATABASE";
        } else if (ast instanceof SQLCreateViewStatement) {
            return "CREATE_VIEW";
        } else if (ast instanceof SQLDropViewStatement) {
            return "DROP_VIEW";
        } else if (ast instanceof SQLInsertStatement) {
            return "INSERT";
        } else if (ast instanceof SQLReplaceStatement) {
            return "REPLACE";
        } else if (ast instanceof SQLUpdateStatement) {
            return "UPDATE";
        } else if (ast instanceof SQLDeleteStatement) {
            return "DELETE";
        } else if (ast instanceof SQLSelectStatement) {
            return "SELECT";
        } else if (ast instanceof SQLUseStatement) {
            return "USE";
        } else if (ast instanceof SQLCreateProcedureStatement || ast instanceof SQLCreateFunctionStatement
                || ast instanceof SQLCreateTriggerStatement) {
            return "CREATE_ROUTINE";
        }
        String name = ast.getClass().getSimpleName().replace("MySql", "").replace("SQL", "").replace("Statement", "");
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
