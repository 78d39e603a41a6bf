package io.tollgate.integrations.mysql.execution.internal;

import com.alibaba.druid.sql.ast.SQLDataType;
import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropColumnItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropIndex;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import io.tollgate.integrations.mysql.execution.RowConflict;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a rollback's DDL would destroy that the ticket did not leave there (ADR 0043). The DROP TABLE that undoes a
 * CREATE TABLE loses the table's rows, the DROP COLUMN that undoes an ADD COLUMN the column's values; either is a
 * conflict while the table holds a row, or the column a value, written since:
 * <ul>
 *   <li>a table the ticket created: any row. The ticket's own rows are gone by then: its later statements are undone
 *       first, in the dry run's transaction too;</li>
 *   <li>a column added with a literal default (NULL included): a row whose value is not the default, byte for
 *       byte;</li>
 *   <li>a column added without a default, or with an expression default ({@code CURRENT_TIMESTAMP}): the ADD gave
 *       every row one value, which the ledger row keeps (ADR 0065), so a row holding another (any row, when the table
 *       had none); for a ticket executed before that was kept, two rows that differ;</li>
 *   <li>a generated column: nothing, its values are derived;</li>
 *   <li>a column widened by MODIFY/CHANGE (more DECIMAL digits, more fractional seconds, FLOAT made DOUBLE, fewer
 *       decimals of a FLOAT(M,D)): a value the narrower type would round, which strict mode does with a note only;</li>
 *   <li>a TIMESTAMP the ticket let hold NULL, put back to refusing it: a NULL written since, which the server turns
 *       into the current time with no error;</li>
 *   <li>a column a MODIFY/CHANGE puts back, or an index a DROP INDEX takes away, that another change altered or
 *       replaced since (ADR 0065): its definition now differs from what the ticket left ({@link #left}), so the inverse
 *       would undo that change too.</li>
 * </ul>
 * Other inverses lose nothing (a rename) or fail by themselves rather than lose a value (a narrowing that cuts a string
 * or leaves a range fails in strict mode).
 */
public final class DdlConflicts {

    private DdlConflicts() {
    }

    /** How {@link #left} writes the value an ADD COLUMN gave the rows, on a line of its own. */
    private static final String GIVEN = "= ";
    /** ... when the table had no row to give it to. */
    private static final String NO_ROW = GIVEN + "no row";

    /**
     * What an inverse acts on that the ticket left something of: a column a MODIFY/CHANGE puts back (its definition),
     * a column the ticket added, which a DROP COLUMN takes away (the value the ADD gave), or an index the ticket added,
     * which a DROP INDEX takes away (its definition).
     */
    private record Kept(String name, What what) {
        enum What { COLUMN, ADDED_COLUMN, INDEX }

        boolean added() {
            return what == What.ADDED_COLUMN;
        }
    }

    /** What the inverse's items act on, in their order, by the names they have before it runs. */
    private static List<Kept> kept(SQLAlterTableStatement inverse) {
        List<Kept> kept = new ArrayList<>();
        for (SQLAlterTableItem item : inverse.getItems()) {
            if (item instanceof MySqlAlterTableModifyColumn modify) {
                kept.add(new Kept(DdlInverse.name(modify.getNewColumnDefinition().getName()), Kept.What.COLUMN));
            } else if (item instanceof MySqlAlterTableChangeColumn change) {
                kept.add(new Kept(DdlInverse.name(change.getColumnName()), Kept.What.COLUMN));
            } else if (item instanceof SQLAlterTableDropColumnItem drop) {
                for (SQLName column : drop.getColumns()) {
                    kept.add(new Kept(DdlInverse.name(column), Kept.What.ADDED_COLUMN));
                }
            } else if (item instanceof SQLAlterTableDropIndex drop) {
                kept.add(new Kept(DdlInverse.name(drop.getIndexName()), Kept.What.INDEX));
            }
        }
        return kept;
    }

    /** What the ticket left of {@code kept} in {@code table} now, as a {@link #left} line; null when it is gone. */
    private static String now(Connection c, String[] table, Kept kept) throws SQLException {
        return switch (kept.what()) {
            case COLUMN -> DdlInverse.printed(c, table, List.of(kept.name()));
            case ADDED_COLUMN -> given(c, table, kept.name());
            case INDEX -> DdlInverse.printedIndex(c, table, kept.name());
        };
    }

    /**
     * What a DDL statement whose inverse is {@code inverse} left of what that inverse acts on, read just after it ran,
     * one line for each {@link Kept} in order: a column's definition as the server prints it, or the value an ADD
     * COLUMN gave the rows ({@code = X'...'} byte for byte, {@code = NULL}, or {@code = no row}). Null when the
     * inverse acts on no column, or a definition cannot be read: the rollback then checks less, as for a ticket
     * executed before this was kept.
     */
    static String left(Connection c, String inverse) throws SQLException {
        if (inverse == null) {
            return null;
        }
        SQLStatement ast = StatementPlan.parse(inverse);
        String[] table;
        List<Kept> kepts;
        if (ast instanceof SQLAlterTableStatement alter && alter.getTableSource() != null) {
            table = DdlInverse.table(alter.getTableSource(), null);
            kepts = kept(alter);
        } else if (ast instanceof SQLDropIndexStatement drop && drop.getTableName() != null) {
            table = DdlInverse.table(drop.getTableName(), null);
            kepts = List.of(new Kept(DdlInverse.name(drop.getIndexName()), Kept.What.INDEX));
        } else {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (Kept kept : kepts) {
            String line = now(c, table, kept);
            if (line == null) {
                return null;
            }
            lines.add(line);
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /** The value a column just added holds in the table's first row, as a {@link #left} line. */
    private static String given(Connection c, String[] table, String column) throws SQLException {
        String quoted = DmlChange.quote(column);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT HEX(CAST(" + quoted
                + " AS BINARY)) FROM " + DdlInverse.qualified(table) + " LIMIT 1")) {
            if (!rs.next()) {
                return NO_ROW;
            }
            String hex = rs.getString(1);
            return GIVEN + (hex == null ? "NULL" : "X'" + hex + "'");
        }
    }

    /**
     * The conflict of a rollback's DDL statement {@code inverse}, read in {@code c}'s transaction; empty when none.
     * {@code left} is what the statement left ({@link #left}; null when not kept): a value a column the ticket added
     * holds other than the one the ADD gave, or a column defined otherwise now (changed since by another change,
     * which the inverse would undo). Checks of the data come first.
     */
    static Optional<RowConflict> find(Connection c, int statement, String inverse, String left) throws SQLException {
        SQLStatement ast = StatementPlan.parse(inverse);
        if (ast instanceof SQLDropIndexStatement drop && drop.getTableName() != null && left != null
                && left.lines().count() == 1) {
            return changedSince(c, statement, DdlInverse.table(drop.getTableName(), null),
                    List.of(new Kept(DdlInverse.name(drop.getIndexName()), Kept.What.INDEX)), left.lines().toList());
        }
        if (ast instanceof SQLDropTableStatement drop) {
            for (SQLExprTableSource source : drop.getTableSources()) {
                String table = DdlInverse.qualified(DdlInverse.table(source, null));
                if (tableExists(c, DdlInverse.table(source, null)) && first(c, "SELECT 1 FROM " + table + " LIMIT 1")
                        .isPresent()) {
                    return Optional.of(new RowConflict(statement, table, "", "table " + table + " holds rows written"
                            + " since the ticket created it: the rollback's DROP TABLE would lose them", List.of(),
                            false));
                }
            }
        } else if (ast instanceof SQLAlterTableStatement alter && alter.getTableSource() != null) {
            String[] table = DdlInverse.table(alter.getTableSource(), null);
            List<Kept> kept = kept(alter);
            List<String> wasLeft = left == null ? null : left.lines().toList();
            if (wasLeft != null && wasLeft.size() != kept.size()) {
                wasLeft = null; // not this inverse's (the seal vouches for the row): checked as without it
            }
            int next = 0;
            for (SQLAlterTableItem item : alter.getItems()) {
                if (item instanceof SQLAlterTableDropColumnItem dropColumn) {
                    for (SQLName column : dropColumn.getColumns()) {
                        String given = wasLeft == null ? null : wasLeft.get(next);
                        next++;
                        Optional<RowConflict> lost = column(c, statement, table, DdlInverse.name(column), given);
                        if (lost.isPresent()) {
                            return lost;
                        }
                    }
                } else if (item instanceof MySqlAlterTableModifyColumn modify) {
                    next++;
                    Optional<RowConflict> lost = narrowed(c, statement, table,
                            DdlInverse.name(modify.getNewColumnDefinition().getName()),
                            modify.getNewColumnDefinition());
                    if (lost.isPresent()) {
                        return lost;
                    }
                } else if (item instanceof MySqlAlterTableChangeColumn change) {
                    next++;
                    Optional<RowConflict> lost = narrowed(c, statement, table, DdlInverse.name(change.getColumnName()),
                            change.getNewColumnDefinition());
                    if (lost.isPresent()) {
                        return lost;
                    }
                } else if (item instanceof SQLAlterTableDropIndex) {
                    next++; // an index's definition: compared below
                }
            }
            if (wasLeft != null) {
                return changedSince(c, statement, table, kept, wasLeft);
            }
        }
        return Optional.empty();
    }

    /** A column the inverse puts back, or an index it drops, whose definition is not what the ticket left (ADR 0065). */
    private static Optional<RowConflict> changedSince(Connection c, int statement, String[] table, List<Kept> kept,
                                                      List<String> wasLeft) throws SQLException {
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).added()) {
                continue;
            }
            String name = kept.get(i).name();
            String now = now(c, table, kept.get(i));
            if (now == null) {
                return Optional.empty(); // gone or renamed since: the inverse fails by itself
            }
            String ticketLeft = wasLeft.get(i);
            if (!now.equals(ticketLeft)) {
                String what = kept.get(i).what() == Kept.What.INDEX ? "index " : "column ";
                return Optional.of(new RowConflict(statement, DdlInverse.qualified(table), "", what
                        + DmlChange.quote(name) + " of " + DdlInverse.qualified(table) + " was changed since the"
                        + " ticket " + (kept.get(i).what() == Kept.What.INDEX ? "added" : "changed") + " it (the ticket"
                        + " left " + ticketLeft + ", it is " + now + " now): the rollback would undo that change too",
                        List.of(new RowConflict.Column(name, null, ticketLeft, now)), false));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a column's default, as information_schema gives it ({@code COLUMN_DEFAULT}, {@code IS_NULLABLE},
     * {@code EXTRA} upper-cased), is one literal value ({@code DEFAULT(c)} then reads what an ADD gave or an INSERT
     * takes; NULL for a nullable column without one), not an expression or none.
     */
    static boolean literalDefault(String defaultValue, boolean nullable, String extra) {
        return defaultValue == null ? nullable : !extra.contains("DEFAULT_GENERATED")
                && (defaultValue.startsWith("'") || !defaultValue.contains("("));
    }

    /**
     * The conflict of dropping a column a ticket added: a value in it written since, compared byte for byte (in a
     * case-insensitive collation 'No' equals the default 'no'). {@code given} is the value the ADD gave its rows as
     * {@link #left} wrote it, null when not kept.
     */
    private static Optional<RowConflict> column(Connection c, int statement, String[] table, String column,
                                                String given) throws SQLException {
        String defaultValue;
        boolean nullable;
        String extra;
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_DEFAULT, IS_NULLABLE, EXTRA"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, table[0]);
            ps.setString(2, table[1]);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty(); // gone: the DROP COLUMN fails by itself
                }
                defaultValue = rs.getString(1);
                nullable = "YES".equalsIgnoreCase(rs.getString(2));
                extra = rs.getString(3) == null ? "" : rs.getString(3).toUpperCase(Locale.ROOT);
            }
        }
        if (extra.matches(".*\\b(VIRTUAL|STORED|PERSISTENT) GENERATED\\b.*")) {
            return Optional.empty();
        }
        String quoted = DmlChange.quote(column);
        String from = " FROM " + DdlInverse.qualified(table);
        boolean literalDefault = literalDefault(defaultValue, nullable, extra);
        String bytes = "CAST(" + quoted + " AS BINARY)";
        Optional<String> written;
        if (given != null && given.matches(Pattern.quote(GIVEN) + "(NULL|X'[0-9A-F]*')")) {
            // the one value the ADD gave every row (its default then, an expression default's, or the type's zero
            // value): a default changed since does not make values written since look given (a helper's finding)
            written = first(c, "SELECT " + quoted + from + " WHERE NOT (" + bytes + " <=> "
                    + given.substring(GIVEN.length()) + ") LIMIT 1");
        } else if (literalDefault) {
            // the table had no row when the ADD ran, or what it gave was not kept: a row inserted since that took the
            // default holds nothing the DROP loses
            written = first(c, "SELECT " + quoted + from + " WHERE NOT (" + bytes + " <=> CAST(DEFAULT(" + quoted
                    + ") AS BINARY)) LIMIT 1");
        } else if (given != null && given.equals(NO_ROW)) {
            // the table had no row when the ADD ran: every value in it was written since
            written = first(c, "SELECT " + quoted + from + " LIMIT 1");
        } else {
            // not kept: two rows that differ show a value written since (a value all rows were given since does not)
            written = first(c, "SELECT a." + quoted + from + " a WHERE NOT (CAST(a." + quoted + " AS BINARY) <=>"
                    + " (SELECT CAST(b." + quoted + " AS BINARY)" + from + " b LIMIT 1)) LIMIT 1");
        }
        return written.map(now -> new RowConflict(statement, DdlInverse.qualified(table), "", "column " + quoted
                + " of " + DdlInverse.qualified(table) + " holds values written since the ticket added it: the rollback's DROP COLUMN would lose them",
                List.of(new RowConflict.Column(column, null, literalDefault ? "DEFAULT" : null, now)), false));
    }

    /**
     * The conflict of putting a widened column back to its narrower type: a value written since with more DECIMAL
     * digits or fractional seconds than the type keeps, which strict mode rounds away with a note only (a value too
     * long or out of range makes the inverse fail by itself).
     */
    private static Optional<RowConflict> narrowed(Connection c, int statement, String[] table, String column,
                                                  SQLColumnDefinition definition) throws SQLException {
        SQLDataType type = definition.getDataType();
        String name = type.getName().toLowerCase(Locale.ROOT);
        List<String> arguments = type.getArguments().stream().map(Object::toString).toList();
        String quoted = DmlChange.quote(column);
        if (DdlInverse.replacesNulls(true, definition)) {
            // a TIMESTAMP the ticket let hold NULL, put back to refusing it: the server puts the current time in a
            // NULL written since, with no error even in strict mode (a helper's finding)
            Optional<RowConflict> nulls = first(c, "SELECT " + quoted + " FROM " + DdlInverse.qualified(table)
                    + " WHERE " + quoted + " IS NULL LIMIT 1").map(now -> new RowConflict(statement,
                    DdlInverse.qualified(table), "", "column " + quoted + " of " + DdlInverse.qualified(table)
                    + " holds NULL written since the ticket let it: the rollback puts back " + type
                    + " refusing NULL, which puts the current time in them", List.of(new RowConflict.Column(column,
                    null, null, now)), false));
            if (nulls.isPresent()) {
                return nulls;
            }
        }
        String cast;
        if ((name.equals("float") || name.equals("real") || name.equals("double")) && arguments.size() == 2) {
            // FLOAT(M,D), DOUBLE(M,D): D decimals kept, the rest rounded with a note only
            if (arguments.get(1).matches("\\d+")) {
                Optional<RowConflict> rounded = first(c, "SELECT " + quoted + " FROM " + DdlInverse.qualified(table)
                        + " WHERE NOT (" + quoted + " <=> ROUND(" + quoted + ", " + arguments.get(1) + ")) LIMIT 1")
                        .map(now -> roundedConflict(statement, table, column, type, now));
                if (rounded.isPresent()) {
                    return rounded;
                }
            }
            return Optional.empty();
        }
        if (name.equals("float") && arguments.isEmpty()) {
            // a DOUBLE written since put back to FLOAT keeps about 7 significant digits (a helper's finding: a
            // rename's rollback put a column another ticket made DOUBLE back to FLOAT and said ROLLED_BACK)
            return first(c, "SELECT " + quoted + " FROM " + DdlInverse.qualified(table) + " WHERE NOT (" + quoted
                    + " <=> CAST(" + quoted + " AS FLOAT)) LIMIT 1")
                    .map(now -> roundedConflict(statement, table, column, type, now));
        }
        if (name.equals("decimal") || name.equals("numeric")) {
            cast = "DECIMAL(" + (arguments.isEmpty() ? "10" : arguments.get(0)) + ","
                    + (arguments.size() < 2 ? "0" : arguments.get(1)) + ")";
        } else if (name.equals("datetime") || name.equals("timestamp") || name.equals("time")) {
            cast = (name.equals("time") ? "TIME(" : "DATETIME(") + (arguments.isEmpty() ? "0" : arguments.get(0)) + ")";
        } else {
            return Optional.empty();
        }
        if (!cast.matches("[A-Z]+\\(\\d+(,\\d+)?\\)")) {
            return Optional.empty(); // not a type this check reads; the inverse runs as before
        }
        return first(c, "SELECT " + quoted + " FROM " + DdlInverse.qualified(table) + " WHERE NOT (" + quoted
                + " <=> CAST(" + quoted + " AS " + cast + ")) LIMIT 1")
                .map(now -> roundedConflict(statement, table, column, type, now));
    }

    private static RowConflict roundedConflict(int statement, String[] table, String column, SQLDataType type,
                                               String now) {
        String quoted = DmlChange.quote(column);
        return new RowConflict(statement, DdlInverse.qualified(table), "", "column " + quoted + " of "
                + DdlInverse.qualified(table) + " would lose digits of values written since the ticket widened it:"
                + " the rollback puts back " + type + ", which rounds them", List.of(new RowConflict.Column(column,
                null, null, now)), false);
    }

    private static boolean tableExists(Connection c, String[] table) throws SQLException {
        return DdlInverse.exists(c, "TABLES", table, null, null);
    }

    /** The first row's first column as an SQL literal ({@code NULL} for NULL), empty when there is no row. */
    private static Optional<String> first(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            String value = rs.getString(1);
            return Optional.of(value == null ? "NULL" : "'" + value.replace("\\", "\\\\").replace("'", "''") + "'");
        }
    }
}
