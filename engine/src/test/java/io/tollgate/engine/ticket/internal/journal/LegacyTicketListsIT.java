package io.tollgate.engine.ticket.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tollgate.engine.ticket.RollbackStep;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketFinding;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 13: a ticket stored before V7_5/V7_6 kept its findings, results and rollback SQL as JSON lists. On the machine's
 * MariaDB, in a database of its own: the schema as it was at V7_6 holds such a ticket; migrating to the latest version
 * (V7_7) moves every list into the rows the application reads a page at a time, with the counts and the findings'
 * summary, and clears the JSON; what the readers then return is what the ticket held.
 */
class LegacyTicketListsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String URL = "jdbc:mysql://127.0.0.1:3306/";

    @Test
    void aTicketStoredBeforeTheRowsShowsItsListsFromTheRows() throws Exception {
        String db = "tg_legacy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + db + "`");
            try {
                migrate(db, "7.6");
                JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(URL + db, "root", ""));
                List<TicketFinding> findings = new ArrayList<>();
                for (int i = 1; i <= 2_500; i++) {
                    findings.add(new TicketFinding(i, i, 1, i % 3 == 0 ? "dml.no-where" : "select.star",
                            i % 3 == 0 ? "ERROR" : "WARNING", "finding " + i + " \u2713 \uD834\uDD1E"));
                }
                List<StatementResult> execution = List.of(new StatementResult(1, "DML", "EXECUTED", 3, null),
                        new StatementResult(2, "DDL", "FAILED", -1, "x".repeat(5_000)));
                List<StatementResult> rollback = List.of(new StatementResult(1, "DML", "EXECUTED", 3, "restored"));
                List<RollbackStep> steps = List.of(new RollbackStep(1, "UPDATE t SET n = 1 WHERE id = 7 AND n = 2;"));
                jdbc.update("INSERT INTO sql_ticket (ticket_id, title, instance_name, database_name, sql_text, reason,"
                                + " submitter, execution_mode, status, statement_count, findings_json, execution_json,"
                                + " rollback_json, rollback_sql_json, abort_requested, submitted_at, updated_at)"
                                + " VALUES ('T-OLD', 'old', 'i', 'd', 'UPDATE t SET n = 2 WHERE id = 7;', 'r', 'engineer',"
                                + " 'AFTER_APPROVAL', 'ROLLBACK_FAILED', 2, ?, ?, ?, ?, FALSE, NOW(6), NOW(6))",
                        JSON.writeValueAsString(findings), JSON.writeValueAsString(execution),
                        JSON.writeValueAsString(rollback), JSON.writeValueAsString(steps));
                jdbc.update("INSERT INTO sql_ticket (ticket_id, title, instance_name, database_name, sql_text, reason,"
                        + " submitter, execution_mode, status, statement_count, abort_requested, submitted_at,"
                        + " updated_at) VALUES ('T-NONE', 'never reviewed', 'i', 'd', 'SELECT 1;', 'r', 'engineer',"
                        + " 'AFTER_APPROVAL', 'REVIEWING', 1, FALSE, NOW(6), NOW(6))");

                migrate(db, "latest");

                Map<String, Object> row = jdbc.queryForMap("SELECT finding_count, execution_count, rollback_count,"
                        + " rollback_sql_count, findings_json, execution_json, rollback_json, rollback_sql_json,"
                        + " finding_summary_json FROM sql_ticket WHERE ticket_id = 'T-OLD'");
                assertThat(row).containsEntry("finding_count", 2_500).containsEntry("execution_count", 2)
                        .containsEntry("rollback_count", 1).containsEntry("rollback_sql_count", 1)
                        .containsEntry("findings_json", null).containsEntry("execution_json", null)
                        .containsEntry("rollback_json", null).containsEntry("rollback_sql_json", null);
                assertThat(TicketJson.findingCounts((String) row.get("finding_summary_json")))
                        .isEqualTo(TicketFindings.summarise(findings));

                TicketFindings findingRows = new TicketFindings(jdbc);
                assertThat(findingRows.page("T-OLD", 0, 1000)).isEqualTo(findings.subList(0, 1000));
                assertThat(findingRows.page("T-OLD", 2_000, 1000)).isEqualTo(findings.subList(2_000, 2_500));
                TicketStatementRows rows = new TicketStatementRows(jdbc);
                List<StatementResult> executionRows = rows.results("T-OLD", TicketStatementRows.Run.EXECUTION, 0, 10);
                assertThat(executionRows.get(0)).isEqualTo(execution.get(0));
                // cut to the column's 4,000 characters, as the application cuts a message it writes
                assertThat(executionRows.get(1).message()).hasSize(4_000).startsWith("xxx").endsWith("\u2026");
                assertThat(rows.results("T-OLD", TicketStatementRows.Run.ROLLBACK, 0, 10)).isEqualTo(rollback);
                assertThat(rows.rollbackSql("T-OLD", 0, 10)).isEqualTo(steps);

                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sql_ticket_finding WHERE ticket_id = 'T-NONE'",
                        Integer.class)).isZero();
                assertThat(jdbc.queryForObject("SELECT finding_count FROM sql_ticket WHERE ticket_id = 'T-NONE'",
                        Integer.class)).isZero();
            } finally {
                s.execute("DROP DATABASE IF EXISTS `" + db + "`");
            }
        }
    }

    private static void migrate(String db, String target) {
        Flyway.configure().dataSource(URL + db, "root", "").locations("classpath:db/migration").target(target)
                .load().migrate();
    }
}
