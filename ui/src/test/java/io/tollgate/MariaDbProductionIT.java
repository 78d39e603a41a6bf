package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.SqlReviewer;
import io.tollgate.engine.review.TargetCoordinates;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.ExecutionReport;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import io.tollgate.integrations.mysql.execution.MysqlTicketExecutor;
import io.tollgate.engine.account.Role;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The same application on MariaDB, as production runs it: Flyway's migrations and Camunda's schema come up on a fresh,
 * uniquely named database; there are no demo accounts and no default password; the first admin comes from
 * {@code TOLLGATE_ADMIN_PASSWORD}. The secrets key and the ZooKeeper credential have no default there, so they are set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tollgate.accounts.bootstrap-admin-password=first-admin-secret",
                "tollgate.secrets.key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "tollgate.zookeeper.auth=tollgate:production-it-zookeeper-secret"})
@ContextConfiguration(initializers = {FreshDataDir.class, UniqueMariaDbDatabase.class})
@ActiveProfiles("production")
@DirtiesContext
@Order(Integer.MAX_VALUE) // last: Camunda's static engine registry holds one engine named 'default' per JVM
class MariaDbProductionIT {

    /**
     * Another Camunda schema on the same server (another application's), created before the context starts: Camunda
     * must still create its own tables in Tollgate's database instead of mistaking that one for it.
     */
    private static final String DECOY = decoy();

    private static String decoy() {
        String name = "tg_decoy_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        UniqueMariaDbDatabase.execute("CREATE DATABASE `" + name + "`");
        // the tables Camunda looks for to decide whether its schema (and each part of it) exists
        for (String table : List.of("ACT_RU_EXECUTION", "ACT_HI_PROCINST", "ACT_ID_USER", "ACT_RE_CASE_DEF",
                "ACT_RE_DECISION_DEF", "ACT_GE_PROPERTY")) {
            UniqueMariaDbDatabase.execute("CREATE TABLE `" + name + "`." + table + " (ID_ VARCHAR(64) PRIMARY KEY)");
        }
        return name;
    }

    @org.junit.jupiter.api.AfterAll
    static void dropDecoy() {
        UniqueMariaDbDatabase.execute("DROP DATABASE IF EXISTS `" + DECOY + "`");
    }

    @Autowired DataSource dataSource;
    @Autowired ExecutionSettings executionSettings;
    @Autowired SqlReviewer reviewer;
    @Autowired Flyway flyway;
    @Autowired Accounts accounts;
    @Value("${tollgate.test.database}") String database;
    @LocalServerPort int port;

    @Test
    void flywayAndCamundaSchemasComeUpOnAFreshDatabase() throws Exception {
        assertThat(flyway.info().applied()).isNotEmpty();
        assertThat(flyway.info().pending()).isEmpty();
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.getMetaData().getTables(database, null, "%", new String[] {"TABLE"})) {
            assertThat(c.getMetaData().getURL()).startsWith("jdbc:mysql://").contains(database);
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        assertThat(tables).contains("account", "account_role", "flyway_schema_history",
                "act_ru_execution", "act_ru_task", "act_hi_procinst", "act_ru_authorization", "act_ge_property");
    }

    /**
     * ADR 0049: an instance registered on the server that also holds Tollgate's database. An approved ticket there
     * could write Tollgate's own records (a task completed in the engine's tables, a ticket's status, the audit
     * trail) and so let another ticket past its approval: the review and the executor refuse any statement that names
     * Tollgate's schema, and any ticket that runs in it.
     */
    @Test
    void aTicketOnTheServerThatHoldsTollgatesDatabaseCannotWriteIt() throws Exception {
        assertThat(executionSettings.tollgateSchema()).isEqualTo(database);
        // and the largest write its own database takes, where each statement's rollback SQL is copied
        assertThat(executionSettings.recordPacket()).isPositive().isEqualTo(
                new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject("SELECT @@max_allowed_packet",
                        Long.class));
        String target = "tg_own_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        UniqueMariaDbDatabase.execute("CREATE DATABASE `" + target + "`");
        try {
            UniqueMariaDbDatabase.execute("CREATE TABLE `" + target + "`.t (id INT PRIMARY KEY, v INT)");
            String[] server = UniqueMariaDbDatabase.SERVER.split(":");
            TargetCoordinates coordinates = new TargetCoordinates(server[0], Integer.parseInt(server[1]),
                    UniqueMariaDbDatabase.USER, UniqueMariaDbDatabase.PASSWORD);
            MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(server[0],
                    Integer.parseInt(server[1]), UniqueMariaDbDatabase.USER, UniqueMariaDbDatabase.PASSWORD, null),
                    executionSettings);
            String before = engineTasks();
            for (String[] attempt : new String[][] {
                    {target, "DELETE FROM `" + database + "`.ACT_RU_TASK WHERE ID_ = 'none'"},
                    {target, "UPDATE " + database.toUpperCase() + ".audit_entry SET summary = 'x' WHERE id = 0"},
                    {database, "UPDATE ACT_RU_VARIABLE SET TEXT_ = 'true' WHERE NAME_ = 'none'"}}) {
                ReviewResult review = reviewer.review(new ReviewRequest(attempt[1], coordinates, attempt[0],
                        Environment.PROD));
                assertThat(review.statements().get(0).findings()).as(attempt[1])
                        .anySatisfy(f -> assertThat(f.message()).contains("Tollgate's own database"));
                ExecutionReport report = executor.execute("own-" + java.util.UUID.randomUUID(), attempt[0],
                        List.of(attempt[1]));
                assertThat(report.stoppedAt()).as(attempt[1]).hasValueSatisfying(
                        stopped -> assertThat(stopped.message()).contains("Tollgate's own database"));
            }
            assertThat(engineTasks()).isEqualTo(before);
            // the target's own tables are another matter
            assertThat(executor.execute("own-plain-" + java.util.UUID.randomUUID(), target, List.of("INSERT INTO t (id, v) VALUES (1, 1)"))
                    .completed()).isTrue();
        } finally {
            UniqueMariaDbDatabase.execute("DROP DATABASE IF EXISTS `" + target + "`");
        }
    }

    private String engineTasks() throws Exception {
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ACT_RU_TASK")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void noDemoAccountOrDefaultPasswordOutsideTheEmbeddedProfile() throws Exception {
        for (Role role : Role.values()) {
            if (role != Role.ADMIN) {
                assertThat(accounts.find(role.groupId())).as(role.name()).isEmpty();
            }
        }
        Http http = new Http(port);
        assertThat(http.get("/engine-rest/deployment", "admin", "admin-demo").statusCode()).isEqualTo(401);
        assertThat(http.get("/engine-rest/deployment", "admin", "admin").statusCode()).isEqualTo(401);
        assertThat(http.get("/engine-rest/deployment", "process-owner", "process-owner-demo").statusCode()).isEqualTo(401);
        assertThat(http.get("/engine-rest/deployment", "admin", "first-admin-secret").statusCode()).isEqualTo(200);
    }
}
