package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketFinding;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.ExecutionReport;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import io.tollgate.integrations.mysql.execution.MysqlTicketExecutor;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import io.tollgate.integrations.mysql.execution.StatementSupport.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Review predicts execution: for every reason the executor refuses a statement, the self-check over REST, the
 * ticket's review and the executor itself, all on the same MariaDB target, agree that it is refused and why (the
 * executor's reason appears word for word in both reviews' {@code execution.refused} error), and nothing changes
 * on the target. A statement the reviews pass is one the executor runs.
 */
@TollgateAppTest
class ReviewPredictsExecutionIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_predict_");

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** keyed: auto-increment id; pair: composite key (x, y); t_nopk: no primary key. */
    static final Map<Reason, String> EXAMPLES = Map.ofEntries(
            Map.entry(Reason.NOT_A_CHANGE, "SELECT a FROM keyed WHERE id = 1"),
            Map.entry(Reason.MULTI_TABLE, "UPDATE keyed k JOIN pair p ON p.x = k.id SET k.a = 1 WHERE k.id = 1"),
            Map.entry(Reason.LIMIT, "DELETE FROM keyed WHERE a = 1 LIMIT 1"),
            Map.entry(Reason.REPLACE, "REPLACE INTO keyed (id, a, b) VALUES (1, 2, 'r')"),
            Map.entry(Reason.INSERT_SELECT, "INSERT INTO keyed (a, b) SELECT x, v FROM pair WHERE x = 1"),
            Map.entry(Reason.INSERT_IGNORE_OR_UPSERT, "INSERT INTO keyed (id, a) VALUES (1, 2) ON DUPLICATE KEY UPDATE a = 2"),
            Map.entry(Reason.SERVER_FILE, "UPDATE keyed SET b = LOAD_FILE('/etc/hostname') WHERE id = 1"),
            Map.entry(Reason.ALTER_IGNORE, "ALTER IGNORE TABLE keyed ADD UNIQUE KEY uk_a (a)"),
            Map.entry(Reason.TABLE_MISSING, "UPDATE nowhere SET a = 1 WHERE id = 1"),
            Map.entry(Reason.NO_PRIMARY_KEY, "UPDATE t_nopk SET b = 'w' WHERE a = 2"),
            Map.entry(Reason.PRIMARY_KEY_UPDATE, "UPDATE pair SET y = 3 WHERE x = 1 AND y = 2"),
            Map.entry(Reason.INSERT_WITHOUT_KEY, "INSERT INTO pair (x, v) VALUES (1, 'v')"),
            Map.entry(Reason.INSERT_KEY_NOT_LITERAL, "INSERT INTO keyed (id, a, b) VALUES (NULL, 2, 'n')"),
            Map.entry(Reason.UNPREDICTABLE_WHERE, "DELETE FROM keyed WHERE id = FLOOR(1 + RAND() * 2)"),
            Map.entry(Reason.LOCK_FUNCTION, "UPDATE keyed SET b = RELEASE_ALL_LOCKS() WHERE id = 1"),
            Map.entry(Reason.TOLLGATE_SCHEMA, "UPDATE tollgate_meta.tollgate_execution_ledger SET rollback_sql = 'DO 1'"
                    + " WHERE id = 1"),
            Map.entry(Reason.HIDDEN_CODE, "UPDATE keyed SET b = 'hidden' WHERE id = 2 /*M! - 1 */"),
            Map.entry(Reason.MISREAD_COMMENT, "UPDATE keyed SET b = 'dashes' WHERE id = 2 --\t1"),
            Map.entry(Reason.USER_VARIABLE, "UPDATE keyed SET a = (@n := IFNULL(@n, 0) + 1) WHERE id = 1"),
            Map.entry(Reason.TEMPORARY_TABLE, "CREATE TEMPORARY TABLE scratch (id INT PRIMARY KEY)"),
            Map.entry(Reason.REORDERED_TEXT, "UPDATE keyed SET a = 1 WHERE id = 2 /* \u202e */ OR id < 100"));

    @Autowired Tickets tickets;
    @Autowired TargetInstances instances;
    @LocalServerPort int port;

    private final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(
            UniqueMariaDbDatabase.SERVER.split(":")[0], Integer.parseInt(UniqueMariaDbDatabase.SERVER.split(":")[1]),
            UniqueMariaDbDatabase.USER, UniqueMariaDbDatabase.PASSWORD, null),
            ExecutionSettings.defaults().withLockWait(Duration.ofSeconds(5)));

    @BeforeEach
    void tables() throws SQLException {
        TARGET.register(instances);
        TARGET.sql("CREATE TABLE IF NOT EXISTS keyed (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'id',"
                + " a INT NOT NULL DEFAULT 0 COMMENT 'a', b VARCHAR(10) NOT NULL DEFAULT '' COMMENT 'b')"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='keyed'");
        TARGET.sql("CREATE TABLE IF NOT EXISTS pair (x INT NOT NULL COMMENT 'x', y INT NOT NULL COMMENT 'y',"
                + " v VARCHAR(10) NOT NULL DEFAULT '' COMMENT 'v', PRIMARY KEY (x, y))"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='pair'");
        TARGET.sql("CREATE TABLE IF NOT EXISTS t_nopk (a INT NOT NULL DEFAULT 0 COMMENT 'a',"
                + " b VARCHAR(10) NOT NULL DEFAULT '' COMMENT 'b') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='heap'");
        // MariaDB's system-versioned table: the review took it for a missing one, the executor failed on its key
        TARGET.sql("CREATE TABLE IF NOT EXISTS versioned (id INT NOT NULL PRIMARY KEY COMMENT 'id',"
                + " b VARCHAR(10) NOT NULL DEFAULT '' COMMENT 'b') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
                + " COMMENT='versioned' WITH SYSTEM VERSIONING");
        TARGET.sql("INSERT IGNORE INTO keyed (id, a, b) VALUES (1, 1, 'one'), (2, 1, 'two')");
        TARGET.sql("INSERT IGNORE INTO versioned (id, b) VALUES (1, 'one'), (2, 'two')");
        TARGET.sql("INSERT IGNORE INTO pair (x, y, v) VALUES (1, 2, 'p')");
        if ("0".equals(TARGET.query("SELECT COUNT(*) FROM t_nopk"))) {
            TARGET.sql("INSERT INTO t_nopk (a, b) VALUES (2, 'x'), (2, 'y')");
        }
    }

    @Test
    void everyReasonTheExecutorRefusesHasAnExample() {
        assertThat(EXAMPLES.keySet()).isEqualTo(EnumSet.allOf(Reason.class));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Reason.class)
    void selfCheckTicketReviewAndExecutorAgreeTheStatementIsRefused(Reason reason) throws Exception {
        String sql = EXAMPLES.get(reason);
        String before = snapshot();

        String because = executorRefusal(sql);

        JsonNode checked = selfCheck(sql).path("statements").path(0);
        assertThat(checked.path("reversibility").asText()).isEqualTo("REFUSED_AT_EXECUTION");
        assertThat(refusedFindings(checked)).singleElement().satisfies(f -> {
            assertThat(f.path("level").asText()).isEqualTo("ERROR");
            assertThat(f.path("message").asText()).contains(because);
        });

        TicketRecord reviewed = reviewedTicket(sql);
        assertThat(reviewed.status()).isEqualTo(TicketStatus.REVIEW_FAILED);
        assertThat(reviewed.findings()).filteredOn(f -> f.ruleId().equals("execution.refused")).singleElement()
                .satisfies(f -> {
                    assertThat(f.level()).isEqualTo("ERROR");
                    assertThat(f.message()).contains(because);
                });
        assertThat(snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE keyed SET b = 'checked' WHERE id = 2", "UPDATE versioned SET b = 'checked' WHERE id = 2",
            "INSERT INTO versioned (id, b) VALUES (3, 'three')", "DELETE FROM versioned WHERE b = 'one'"})
    void aStatementBothReviewsPassIsOneTheExecutorRuns(String sql) throws Exception {
        JsonNode checked = selfCheck(sql).path("statements").path(0);
        assertThat(checked.path("reversibility").asText()).isIn("REVERSIBLE", "REVERSIBLE_WITH_BEFORE_IMAGES");
        assertThat(refusedFindings(checked)).isEmpty();
        TicketRecord reviewed = reviewedTicket(sql);
        assertThat(reviewed.status()).as(String.valueOf(reviewed.findings())).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertThat(reviewed.findings()).extracting(TicketFinding::ruleId).doesNotContain("execution.refused");

        String table = sql.contains("keyed") ? "keyed" : "versioned";
        String before = TARGET.query("SELECT GROUP_CONCAT(id, b ORDER BY id) FROM " + table);
        String ticket = "predict-" + UUID.randomUUID();
        ExecutionReport report = executor.execute(ticket, TARGET.name, List.of(sql));
        assertThat(report.completed()).as(String.valueOf(report.statements())).isTrue();
        assertThat(TARGET.query("SELECT GROUP_CONCAT(id, b ORDER BY id) FROM " + table)).isNotEqualTo(before);
        assertThat(executor.rollback(ticket).completed()).isTrue();
        assertThat(TARGET.query("SELECT GROUP_CONCAT(id, b ORDER BY id) FROM " + table)).isEqualTo(before);
    }

    /** Runs the statement through the executor, which must refuse it; returns its reason, as the executor words it. */
    private String executorRefusal(String sql) {
        ExecutionReport report = executor.execute("predict-" + UUID.randomUUID(), TARGET.name, List.of(sql));
        StatementOutcome stopped = report.stoppedAt().orElseThrow(() -> new AssertionError("executed: " + sql));
        assertThat(stopped.status()).isEqualTo(StatementOutcome.Status.FAILED);
        String message = stopped.message();
        for (String prefix : List.of("statement 1 refused, nothing ran: ", "statement 1 failed: ")) {
            if (message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        throw new AssertionError("not a refusal: " + message);
    }

    private JsonNode selfCheck(String sql) throws Exception {
        String body = JSON.writeValueAsString(Map.of("sql", sql + ";", "instance", TARGET.instance,
                "database", TARGET.name, "environment", "DEV"));
        HttpResponse<String> response = new Http(port).postJson("/api/v1/review", "engineer",
                Role.ENGINEER.groupId() + "-demo", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> refusedFindings(JsonNode statement) {
        List<JsonNode> out = new java.util.ArrayList<>();
        statement.path("findings").forEach(f -> {
            if (f.path("ruleId").asText().equals("execution.refused")) {
                out.add(f);
            }
        });
        return out;
    }

    /** Submits the statement as a ticket and waits for its review (the job executor runs it). */
    private TicketRecord reviewedTicket(String sql) {
        TicketRecord ticket = tickets.submit("engineer", new TicketDraft("predict", TARGET.instance, TARGET.name,
                sql + ";", "review predicts execution", ExecutionMode.AFTER_APPROVAL, null));
        return await().atMost(PATIENCE).until(() -> tickets.find(ticket.id()).orElseThrow(),
                t -> t.status() != TicketStatus.REVIEWING);
    }

    private static String snapshot() throws SQLException {
        return TARGET.query("SELECT CONCAT((SELECT GROUP_CONCAT(id, a, b ORDER BY id) FROM keyed), '|',"
                + " (SELECT GROUP_CONCAT(x, y, v ORDER BY x, y) FROM pair), '|',"
                + " (SELECT GROUP_CONCAT(a, b ORDER BY a, b) FROM t_nopk))");
    }
}
