package io.tollgate.engine.review.internal.rules;

import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Reversibility;
import io.tollgate.engine.review.RiskLevel;
import io.tollgate.engine.review.internal.statement.ReviewRun;
import io.tollgate.engine.review.internal.statement.SchemaState;
import io.tollgate.engine.review.internal.statement.Stmt;

/**
 * A ticket's risk level, in the spirit of Bytebase's, fed statement by statement:
 * <ul>
 *   <li>HIGH: DROP DATABASE/TABLE, TRUNCATE, RENAME TABLE, an irreversible schema change, a statement over
 *       tollgate.review.max-affected-rows, or (in PROD) a schema change on a table over tollgate.review.large-table-rows;</li>
 *   <li>MODERATE: any other schema change, UPDATE, DELETE or REPLACE, more than 1,000 affected rows, any data
 *       change in PROD, or any irreversible statement;</li>
 *   <li>LOW: otherwise (inserts and queries outside PROD).</li>
 * </ul>
 */
public final class RiskAssessor {

    static final long MODERATE_ROWS = 1_000;

    private final ReviewRun run;
    private RiskLevel level = RiskLevel.LOW;

    public RiskAssessor(ReviewRun run) {
        this.run = run;
    }

    public RiskLevel level() {
        return level;
    }

    /** Takes a statement into account; call before its schema effects are applied (the table is as it was). */
    public void add(Stmt s) {
        if (level == RiskLevel.HIGH) {
            return;
        }
        boolean prod = run.environment == Environment.PROD;
        if (s.ast instanceof SQLDropDatabaseStatement || s.ast instanceof SQLDropTableStatement || s.ast instanceof SQLTruncateStatement
                || s.ast instanceof MySqlRenameTableStatement || (s.isDdl() && s.reversibility == Reversibility.IRREVERSIBLE)
                || (s.rows != null && s.rows.rows() > run.properties.maxAffectedRows())
                || (prod && (s.ast instanceof SQLAlterTableStatement || s.ast instanceof SQLCreateIndexStatement) && onLargeTable(s))) {
            level = RiskLevel.HIGH;
        } else if (s.isDdl() || "UPDATE".equals(s.kind) || "DELETE".equals(s.kind) || "REPLACE".equals(s.kind)
                || (s.rows != null && s.rows.rows() > MODERATE_ROWS) || (prod && s.isDml())
                || s.reversibility == Reversibility.IRREVERSIBLE) {
            level = RiskLevel.MODERATE;
        }
    }

    private boolean onLargeTable(Stmt s) {
        SchemaState.Table t = IndexRules.table(s, run);
        return t != null && t.rows > run.properties.largeTableRows();
    }
}
