package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Issue 14 (ADR 0024): the History page's free text over a million entries answers from FULLTEXT indexes on
 * MySQL/MariaDB, over the entries' summary and payload and the tickets' SQL. The columns get a case-insensitive
 * collation first (a FULLTEXT search is as case-sensitive as its column, and Tollgate's databases may be created
 * {@code utf8mb4_bin}); only full-text search reads them with it (the hashes are over the text itself, unchanged).
 * Nothing happens on H2 (the embedded default), where free text stays a {@code LIKE} scan.
 */
public class V10_2_2__audit_free_text_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (!product.contains("mysql") && !product.contains("mariadb")) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_entry"
                    + " MODIFY summary VARCHAR(2000) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,"
                    + " MODIFY payload MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL");
            s.execute("CREATE FULLTEXT INDEX ix_audit_entry_text ON audit_entry (summary, payload)");
            s.execute("ALTER TABLE sql_ticket"
                    + " MODIFY sql_text MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL");
            s.execute("CREATE FULLTEXT INDEX ix_sql_ticket_sql_text ON sql_ticket (sql_text)");
        }
    }
}
