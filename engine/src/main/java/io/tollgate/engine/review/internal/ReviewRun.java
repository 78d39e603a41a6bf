package io.tollgate.engine.review.internal;

import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.ReviewProperties;
import io.tollgate.integrations.mysql.execution.StatementSupport;
import java.util.HashMap;
import java.util.Map;

/**
 * The state of one review while it walks the script statement by statement: settings, the schema as
 * seen so far, the current database and what earlier statements did.
 */
final class ReviewRun {

    final ReviewProperties properties;
    final Environment environment;
    final SchemaState schema;
    /** ALTER TABLE statements per table (lower-case text of the table reference) so far, this one included. */
    final Map<String, Integer> altersPerTable = new HashMap<>();
    /** The database the ticket is for (the request's), null when none was given. */
    final String ticketDatabase;
    /** The executor's ledger schema, which no statement may name. */
    final StatementSupport.Ledger ledger;
    /** The most rows the executor lets one UPDATE or DELETE change. */
    final long maxRowsPerStatement;
    String currentDatabase;

    ReviewRun(ReviewProperties properties, Environment environment, SchemaState schema, String database,
              StatementSupport.Ledger ledger, long maxRowsPerStatement) {
        this.ledger = ledger;
        this.maxRowsPerStatement = maxRowsPerStatement;
        this.properties = properties;
        this.environment = environment;
        this.schema = schema;
        this.ticketDatabase = database == null || database.isBlank() ? null : database;
        this.currentDatabase = ticketDatabase;
    }

    Sql.TableRef table(SQLExprTableSource ts) {
        return Sql.table(ts, currentDatabase);
    }
}
