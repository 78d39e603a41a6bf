package io.tollgate.engine.ticket.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.RollbackStep;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketFinding;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A large ticket's findings, results and inverses are written with multi-row INSERTs: on the machine's MariaDB, in a
 * database of its own at the latest schema, every row comes back in order whatever the split (1,000 rows, or fewer
 * when their values are large, a row larger than the limit alone), and the rows round-trip exactly.
 */
class MultiRowInsertIT {

    private static final String URL = "jdbc:mysql://127.0.0.1:3306/";

    private final String db = "tg_multirow_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private JdbcTemplate jdbc;

    @BeforeEach
    void createDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + db + "`");
        }
        Flyway.configure().dataSource(URL + db, "root", "").locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(URL + db, "root", ""));
    }

    @AfterEach
    void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + db + "`");
        }
    }

    @Test
    void rowsOfAnySizeAndNumberComeBackInOrder() {
        jdbc.update("INSERT INTO sql_ticket (ticket_id, title, instance_name, database_name, sql_text, reason, submitter,"
                + " execution_mode, status, statement_count, abort_requested, submitted_at, updated_at) VALUES ('T-MANY',"
                + " 'many', 'i', 'd', 'SELECT 1;', 'r', 'engineer', 'AFTER_APPROVAL', 'EXECUTED', 2345, FALSE, NOW(6),"
                + " NOW(6))");
        TicketStatementRows rows = new TicketStatementRows(jdbc);
        List<StatementResult> results = new ArrayList<>();
        for (int i = 1; i <= 2_345; i++) {
            results.add(new StatementResult(i, i % 2 == 0 ? "DML" : "DDL", "EXECUTED", i, i % 7 == 0 ? null
                    : "statement " + i + " \u2713 \uD834\uDD1E 'quoted' \\ back"));
        }
        rows.replaceResults("T-MANY", TicketStatementRows.Run.EXECUTION, results);
        assertThat(rows.results("T-MANY", TicketStatementRows.Run.EXECUTION, 0, 3_000)).isEqualTo(results);

        // inverses of 400,000 characters: two fill a statement, one of 1,000,000 goes alone
        List<RollbackStep> steps = new ArrayList<>();
        for (int i = 7; i >= 1; i--) {
            steps.add(new RollbackStep(i, ("UPDATE t SET v = '" + i + "' WHERE id = " + i + ";\n")
                    .repeat(i == 4 ? 30_000 : 12_000)));
        }
        assertThat(steps.get(3).sql().length()).isGreaterThan((int) MultiRowInsert.CHARS);
        rows.replaceRollbackSql(new TicketEntry("T-MANY", "engineer", new TicketDraft("t", "i", "d", "SELECT 1;", "r",
                ExecutionMode.AFTER_APPROVAL, null), 1, Instant.now()), page -> {
            page.accept(steps);
            return steps.size();
        });
        assertThat(rows.rollbackSql("T-MANY", 0, 10)).isEqualTo(steps);

        TicketFindings findings = new TicketFindings(jdbc);
        List<TicketFinding> found = new ArrayList<>();
        for (int i = 1; i <= 1_001; i++) {
            found.add(new TicketFinding(i, i, 2, "dml.no-where", "ERROR", "finding " + i));
        }
        findings.replace("T-MANY", found);
        assertThat(findings.page("T-MANY", 0, 2_000)).isEqualTo(found);
    }
}
