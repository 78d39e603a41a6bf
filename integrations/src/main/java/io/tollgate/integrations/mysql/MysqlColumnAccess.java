package io.tollgate.integrations.mysql;

import static io.tollgate.integrations.mysql.MysqlIdentifiers.quote;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Whether the instance's account may read every column of a table. An account with column privileges only (personal
 * data kept from the change tool) sees only those columns in information_schema, so before-images would miss the
 * others: a DELETE would lose them for good and a rollback could not see them change. The executor refuses such a
 * table and the review says so up front, both from here.
 */
public final class MysqlColumnAccess {

    /** MySQL's and MariaDB's "command denied" for a table, and for a column. */
    private static final Set<Integer> DENIED = Set.of(1142, 1143);

    private MysqlColumnAccess() {
    }

    /** Whether the account lacks SELECT on some column of the table: {@code SELECT *} needs it on every one. */
    public static boolean hidesColumns(Connection c, String schema, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + quote(schema) + "." + quote(table) + " LIMIT 0")) {
            return false;
        } catch (SQLException e) {
            if (DENIED.contains(e.getErrorCode())) {
                return true;
            }
            throw e;
        }
    }

    /** Why a statement on such a table is refused, for people. */
    public static String refusal(String schema, String table) {
        return "the instance's account cannot read every column of " + quote(schema) + "." + quote(table) + " (it"
                + " holds privileges on some columns only), so the before-images would miss the others: a DELETE"
                + " would lose them and a rollback could not see them change; grant the account SELECT on the whole"
                + " table";
    }
}
