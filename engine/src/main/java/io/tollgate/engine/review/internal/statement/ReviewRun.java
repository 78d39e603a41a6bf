package io.tollgate.engine.review.internal.statement;

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
public final class ReviewRun {

    public final ReviewProperties properties;
    public final Environment environment;
    public final SchemaState schema;
    /** ALTER TABLE statements per table (lower-case text of the table reference) so far, this one included. */
    public final Map<String, Integer> altersPerTable = new HashMap<>();
    /** The database the ticket is for (the request's), null when none was given. */
    public final String ticketDatabase;
    /** The executor's ledger schema, which no statement may name. */
    public final StatementSupport.Ledger ledger;
    /** The most rows the executor lets one UPDATE or DELETE change. */
    public final long maxRowsPerStatement;
    public String currentDatabase;

    public ReviewRun(ReviewProperties properties, Environment environment, SchemaState schema, String database,
              StatementSupport.Ledger ledger, long maxRowsPerStatement) {
        this.ledger = ledger;
        this.maxRowsPerStatement = maxRowsPerStatement;
        this.properties = properties;
        this.environment = environment;
        this.schema = schema;
        this.ticketDatabase = database == null || database.isBlank() ? null : database;
        this.currentDatabase = ticketDatabase;
    }

    public Sql.TableRef table(SQLExprTableSource ts) {
        return Sql.table(ts, currentDatabase);
    }
}
