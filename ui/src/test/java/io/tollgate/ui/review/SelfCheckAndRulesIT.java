package io.tollgate.ui.review;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.tollgate.TollgateAppTest;
import io.tollgate.ui.Browserless;
import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.InvalidInstanceException;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.RuleSettings;
import io.tollgate.integrations.mysql.MysqlServerReport;
import io.tollgate.ui.instances.InstancesView;
import io.tollgate.ui.review.ReviewRulesView;
import io.tollgate.ui.review.SelfCheckView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The SQL self-check page reviewing against a real database, and the admin's rule settings with their audit trail. */
@TollgateAppTest
class SelfCheckAndRulesIT {

    static final String MYSQL = "127.0.0.1";
    static final String DB = "tg_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);


    @BeforeAll
    static void createDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + MYSQL + ":3306/", "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + DB + "`");
            s.execute("CREATE TABLE `" + DB + "`.orders (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                    + "status VARCHAR(20) NOT NULL DEFAULT 'new' COMMENT 'state') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 "
                    + "COMMENT='orders'");
            s.execute("INSERT INTO `" + DB + "`.orders (status) VALUES ('new'), ('new'), ('paid')");
        }
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + MYSQL + ":3306/", "root", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + DB + "`");
        }
    }

    @AfterEach
    void signOut() {
        Browserless.signOut();
    }

    @Autowired ApplicationContext context;
    @Autowired TargetInstances instances;
    @Autowired RuleSettings ruleSettings;
    @Autowired JdbcTemplate jdbc;

    @Test
    void selfCheckReviewsAgainstTheTargetWithoutChangingIt() {
        instances.find("self-check-target").orElseGet(() -> instances.register(new InstanceForm("self-check-target",
                MYSQL, 3306, "root", "x", Environment.TEST, false, "reviewer"), "dba"));
        // root has an empty password on this machine: store that (an update with a password sets it)
        InstanceView target = instances.find("self-check-target").orElseThrow();
        jdbc.update("UPDATE target_instance SET password_cipher = ? WHERE id = ?",
                context.getBean(io.tollgate.engine.instance.SecretCipher.class).encrypt(""), target.id());

        Browserless.signIn(context, "engineer", "engineer-demo");
        UI.getCurrent().navigate("self-check");
        SelfCheckView view = _get(SelfCheckView.class);
        view.sql.setValue("UPDATE orders SET status = 'paid';\nALTER TABLE missing_table ADD COLUMN x INT NOT NULL DEFAULT 0 COMMENT 'x';");
        view.instance.setValue(instances.find("self-check-target").orElseThrow());
        view.database.setValue(DB);
        view.check.click();

        List<String> rules = GridKt._findAll(view.findings).stream().map(r -> r.finding().ruleId()).toList();
        assertThat(rules).contains("stmt.dml-without-where", "target.table-missing");
        assertThat(view.summary.getText()).contains("blocked by errors").contains("risk");
        assertThat(GridKt._size(view.statements)).isEqualTo(2);
        assertThat(SelfCheckView.rows(GridKt._get(view.statements, 0).rows())).as("a small table gets an exact count")
                .startsWith("3 (exact");
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + MYSQL + ":3306/" + DB, "root", "");
             Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM orders WHERE status = 'paid'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the target is only read").isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void selfCheckOfGarbageExplainsInsteadOfFailing() {
        Browserless.signIn(context, "engineer", "engineer-demo");
        UI.getCurrent().navigate("self-check");
        SelfCheckView view = _get(SelfCheckView.class);
        view.sql.setValue("this is not sql at all; SELECT 'unterminated");
        view.check.click();
        assertThat(GridKt._findAll(view.findings).stream().map(r -> r.finding().ruleId()))
                .contains("stmt.syntax-error");
        assertThat(view.summary.getText()).contains("blocked by errors");
    }

    @Test
    void adminChangesARuleLevelAndTheChangeIsAudited() {
        Browserless.signIn(context, "admin", "admin-demo");
        UI.getCurrent().navigate("admin/review-rules");
        ReviewRulesView view = _get(ReviewRulesView.class);
        assertThat(GridKt._size(view.rules)).isGreaterThanOrEqualTo(60);

        view.change("stmt.select-star", Environment.DEV, RuleLevel.OFF);

        RuleSettings.RuleSetting rule = ruleSettings.rules().stream().filter(r -> r.id().equals("stmt.select-star"))
                .findFirst().orElseThrow();
        assertThat(rule.levels().get(Environment.DEV)).isEqualTo(RuleLevel.OFF);
        RuleSettings.RuleLevelChange change = ruleSettings.changes("stmt.select-star").get(0);
        assertThat(change.changedBy()).isEqualTo("admin");
        assertThat(change.newLevel()).isEqualTo(RuleLevel.OFF);
        assertThat(GridKt._findAll(view.changes)).anySatisfy(c -> assertThat(c.ruleId()).isEqualTo("stmt.select-star"));
    }

    @Test
    void onlyAdminsReachTheRuleSettings() {
        Browserless.signIn(context, "dba", "dba-demo");
        Throwable refusal = org.assertj.core.api.Assertions.catchThrowable(() -> {
            UI.getCurrent().navigate("admin/review-rules");
            _get(ReviewRulesView.class);
        });
        assertThat(refusal).hasMessageContaining("AccessDeniedException");
    }
}
