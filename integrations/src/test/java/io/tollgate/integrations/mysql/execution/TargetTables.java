package io.tollgate.integrations.mysql.execution;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.HOST;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PASSWORD;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PORT;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.USER;

/** The rollback ITs' direct access to the test target: run SQL, read a {@code (id, name, n)} table, checksum it. */
final class TargetTables {

    private TargetTables() {
    }

    static Connection connection() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/", USER, PASSWORD);
    }

    static void sql(String... statements) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /**
     * An account of its own ({@code prefix} and a random tail, from any host, password {@code pw-} and its name) with
     * only the privileges given, each a {@code GRANT} without its {@code TO} part, e.g. {@code "SELECT ON db.*"};
     * dropped by {@link #dropUser}.
     */
    static String user(String prefix, String... grants) throws SQLException {
        String user = prefix + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        sql("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw-" + user + "'");
        for (String grant : grants) {
            sql("GRANT " + grant + " TO '" + user + "'@'%'");
        }
        return user;
    }

    /** An executor signed in as {@code user} (made by {@link #user}). */
    static MysqlTicketExecutor executorAs(String user, ExecutionSettings settings) {
        return new MysqlTicketExecutor(new io.tollgate.integrations.mysql.MysqlCoordinates(HOST, PORT, user,
                "pw-" + user, null), settings);
    }

    static void dropUser(String user) throws SQLException {
        sql("DROP USER IF EXISTS '" + user + "'@'%'");
    }

    /** The first column of the query's first row; null when there is none. */
    static String scalar(String query) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Table {@code t} of {@code db}, one {@code id|name|n} line per row in key order. */
    static String table(String db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, n FROM `" + db + "`.t ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return String.join("\n", rows);
    }

    /** Table {@code t} of {@code db}, one {@code id v} line per row in key order. */
    static List<String> idsAndValues(String db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, v FROM `" + db + "`.t ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    /** Runs the one statement as a ticket on {@code db}: it must be refused, naming {@code named}, with t unchanged. */
    static void assertRefused(MysqlTicketExecutor executor, String db, String ticket, String sql, String named)
            throws SQLException {
        List<String> before = idsAndValues(db);

        ExecutionReport report = executor.execute(ticket, db, List.of(sql));

        org.assertj.core.api.Assertions.assertThat(report.stoppedAt()).as(report.toString()).hasValueSatisfying(s -> {
            org.assertj.core.api.Assertions.assertThat(s.status()).isEqualTo(StatementOutcome.Status.FAILED);
            org.assertj.core.api.Assertions.assertThat(s.message()).contains(named);
        });
        org.assertj.core.api.Assertions.assertThat(idsAndValues(db)).as("nothing changed").isEqualTo(before);
    }

    /** What a test reads of the target to compare before and after. */
    @FunctionalInterface
    interface State {
        String read() throws SQLException;
    }

    /**
     * Runs the statements as a new ticket on {@code db}: they must all complete and change {@code state}; then its
     * rollback must complete and bring {@code state} back exactly. Returns the ticket's id.
     */
    static String assertRunsAndRollsBack(MysqlTicketExecutor executor, String db, List<String> statements,
                                         State state) throws SQLException {
        String before = state.read();
        String ticket = "RB-" + java.util.UUID.randomUUID();

        ExecutionReport executed = executor.execute(ticket, db, statements);
        org.assertj.core.api.Assertions.assertThat(executed.completed()).as(executed.toString()).isTrue();
        org.assertj.core.api.Assertions.assertThat(state.read()).as("changed").isNotEqualTo(before);
        ExecutionReport rolledBack = executor.rollback(ticket);

        org.assertj.core.api.Assertions.assertThat(rolledBack.completed()).as(rolledBack.toString()).isTrue();
        org.assertj.core.api.Assertions.assertThat(state.read()).as("rolled back").isEqualTo(before);
        return ticket;
    }

    /** {@code CHECKSUM TABLE} of table {@code t} of {@code db}. */
    static String checksum(String db) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("CHECKSUM TABLE `" + db + "`.t")) {
            rs.next();
            return rs.getString(2);
        }
    }
}
