package io.tollgate.engine.review;

import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import java.util.List;

/**
 * A ticket's risk level, in the spirit of Bytebase's: HIGH for destructive or irreversible statements,
 * for statements over the affected-rows limit, and for any schema change in PROD on a large table;
 * MODERATE for any UPDATE/DELETE/REPLACE or schema change, for more than 1,000 affected rows, and for
 * any data change in PROD; LOW otherwise (inserts and queries outside PROD).
 */
final class RiskAssessor {

    static final long MODERATE_ROWS = 1_000;

    private RiskAssessor() {
    }

    static RiskLevel assess(List<Stmt> statements, ReviewRun run, List<SchemaState.Table> alteredTables) {
        RiskLevel risk = RiskLevel.LOW;
        boolean prod = run.environment == Environment.PROD;
        for (Stmt s : statements) {
            if (s.ast instanceof SQLDropDatabaseStatement || s.ast instanceof SQLDropTableStatement || s.ast instanceof SQLTruncateStatement
                    || s.ast instanceof MySqlRenameTableStatement || (s.isDdl() && s.reversibility == Reversibility.IRREVERSIBLE)
                    || (s.rows != null && s.rows.rows() > run.properties.maxAffectedRows())) {
                return RiskLevel.HIGH;
            }
            if (s.isDdl() || "UPDATE".equals(s.kind) || "DELETE".equals(s.kind) || "REPLACE".equals(s.kind)
                    || (s.rows != null && s.rows.rows() > MODERATE_ROWS) || (prod && s.isDml())
                    || s.reversibility == Reversibility.IRREVERSIBLE) {
                risk = RiskLevel.MODERATE;
            }
        }
        if (prod) {
            for (SchemaState.Table t : alteredTables) {
                if (t.rows > run.properties.largeTableRows()) {
                    return RiskLevel.HIGH;
                }
            }
        }
        return risk;
    }

    /** Whether a statement alters an existing table (for the large-table check). */
    static boolean altersTable(Stmt s) {
        return s.ast instanceof SQLAlterTableStatement;
    }
}
