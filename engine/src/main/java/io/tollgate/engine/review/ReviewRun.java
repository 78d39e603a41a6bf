package io.tollgate.engine.review;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The state of one review: settings, the schema as seen so far, the current database and script-wide facts. */
final class ReviewRun {

    final ReviewProperties properties;
    final Environment environment;
    final SchemaState schema;
    final List<Stmt> statements;
    final int ddlCount;
    final int dmlCount;
    /** ALTER TABLE statements per table key (lower-case "db.table" or "table") in the whole script. */
    final Map<String, Integer> altersPerTable = new HashMap<>();
    /** The script's first DML statement, where a mixed DDL/DML script is reported. */
    final Stmt firstDml;
    String currentDatabase;

    ReviewRun(ReviewProperties properties, Environment environment, SchemaState schema, List<Stmt> statements,
              String database) {
        this.properties = properties;
        this.environment = environment;
        this.schema = schema;
        this.statements = statements;
        this.currentDatabase = database == null || database.isBlank() ? null : database;
        int ddl = 0;
        int dml = 0;
        Stmt first = null;
        for (Stmt s : statements) {
            if (s.isDdl()) {
                ddl++;
            } else if (s.isDml()) {
                dml++;
                first = first == null ? s : first;
            }
            if (s.ast instanceof com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement a) {
                altersPerTable.merge(Sql.lower(String.valueOf(a.getTableSource())), 1, Integer::sum);
            }
        }
        this.ddlCount = ddl;
        this.dmlCount = dml;
        this.firstDml = first;
    }

    Sql.TableRef table(com.alibaba.druid.sql.ast.statement.SQLExprTableSource ts) {
        return Sql.table(ts, currentDatabase);
    }
}
