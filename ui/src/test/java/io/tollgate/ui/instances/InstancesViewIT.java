package io.tollgate.ui.instances;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Duration;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.ui.Browserless;
import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.InvalidInstanceException;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.goinception.ReviewBackend;
import io.tollgate.engine.goinception.ReviewBackends;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Target instances: passwords encrypted at rest, clear form errors, and "test connection" against the machine's MariaDB. */
@TollgateAppTest
class InstancesViewIT {

    static final String MYSQL = "127.0.0.1";

    /** A database with its own user, who has a password (the machine's root has none). */
    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_instview_");

    @Autowired ApplicationContext context;
    @Autowired TargetInstances instances;
    @Autowired RuleSettings ruleSettings;
    @Autowired JdbcTemplate jdbc;

    @AfterEach
    void signOut() {
        Browserless.signOut();
    }

    @Test
    void passwordsAreEncryptedAtRestAndNeverShown() {
        String secret = "very-secret-" + UUID.randomUUID();
        InstanceView saved = instances.register(new InstanceForm("enc-check", "db.example", 3306, "app", secret,
                Environment.PROD, true, "dba"), "dba");
        String stored = jdbc.queryForObject("SELECT password_cipher FROM target_instance WHERE id = ?", String.class,
                saved.id());
        assertThat(stored).startsWith("v1:").doesNotContain(secret);
        assertThat(saved.toString()).doesNotContain(secret);
        assertThat(instances.coordinates("enc-check").orElseThrow().password()).isEqualTo(secret);
        assertThat(instances.coordinates("enc-check").orElseThrow().toString()).doesNotContain(secret);

        InstanceView changed = instances.update(saved.id(), new InstanceForm("enc-check", "db2.example", 3307, "app", "",
                Environment.PROD, true, "dba"), "admin");
        assertThat(changed.host()).isEqualTo("db2.example");
        assertThat(instances.coordinates("enc-check").orElseThrow().password()).as("an empty password keeps it")
                .isEqualTo(secret);
    }

    @Test
    void badFormsGetClearMessages() {
        assertThatThrownBy(() -> instances.register(new InstanceForm("x y", "h", 3306, "u", "p", Environment.DEV, false,
                "reviewer"), "dba")).isInstanceOf(InvalidInstanceException.class).hasMessageContaining("Name");
        assertThatThrownBy(() -> instances.register(new InstanceForm("ok", "h", 0, "u", "p", Environment.DEV, false,
                "reviewer"), "dba")).hasMessageContaining("Port");
        assertThatThrownBy(() -> instances.register(new InstanceForm("ok", "h", 3306, "u", "", Environment.DEV, false,
                "reviewer"), "dba")).hasMessageContaining("password");
        // longer than Tollgate keeps: refused with the limit, never a database error
        assertThatThrownBy(() -> instances.register(new InstanceForm("ok", "h".repeat(300), 3306, "u", "p",
                Environment.DEV, false, "reviewer"), "dba")).hasMessageContaining("Host is longer than 255");
        assertThatThrownBy(() -> instances.register(new InstanceForm("ok", "h", 3306, "u".repeat(81), "p",
                Environment.DEV, false, "reviewer"), "dba")).hasMessageContaining("User is longer than 80");
        assertThatThrownBy(() -> instances.register(new InstanceForm("ok", "h", 3306, "u", "密".repeat(200),
                Environment.DEV, false, "reviewer"), "dba")).hasMessageContaining("longer than 512 bytes");
        instances.register(new InstanceForm("dup", "h", 3306, "u", "p", Environment.DEV, false, "reviewer"), "dba");
        assertThatThrownBy(() -> instances.register(new InstanceForm("dup", "h", 3306, "u", "p", Environment.DEV, false,
                "reviewer"), "dba")).hasMessageContaining("exists already");
    }

    @Test
    void dbaRegistersAnInstanceAndTestsTheConnectionInTheView() {
        Browserless.signIn(context, "dba", "dba-demo");
        UI.getCurrent().navigate("instances");
        InstancesView view = _get(InstancesView.class);
        view.name.setValue("local-mariadb-view");
        view.host.setValue(MYSQL);
        view.port.setValue(3306);
        view.user.setValue("root");
        view.password.setValue("");
        view.environment.setValue(Environment.TEST);
        // an account without a password can neither be tested nor saved: both say so alike (issue 15)
        view.test.click();
        assertThat(view.message.getText()).startsWith("Cannot test: A password is required");
        assertThat(view.report.getChildren()).isEmpty();
        view.save.click();
        assertThat(view.message.getText()).as("no password on a new instance").startsWith("Not saved: A password");

        view.password.setValue("not-used-by-root");
        view.test.click();
        assertThat(view.message.getText()).as("root has an empty password here").isEqualTo("Connection failed.");
        assertThat(view.report.getElement().getTextRecursively()).doesNotContain("not-used-by-root");
        // issue 17: the DBA picks goInception and Tollgate's rules as the instance's review backend
        assertThat(view.reviewBackend.getValue()).isEqualTo(ReviewBackend.BUILT_IN);
        view.reviewBackend.setValue(ReviewBackend.BOTH);
        view.save.click();
        assertThat(view.message.getText()).isEqualTo("Saved local-mariadb-view.");
        assertThat(context.getBean(ReviewBackends.class).of("local-mariadb-view")).isEqualTo(ReviewBackend.BOTH);
        assertThat(view.goInceptionHealth.getText()).isEqualTo("goInception: not configured");
        assertThat(GridKt._size(view.grid)).isGreaterThanOrEqualTo(1);

        view.grid.deselectAll(); // a new instance again: the form is cleared
        view.name.setValue("local-mariadb-own-user");
        view.host.setValue(MYSQL);
        view.port.setValue(3306);
        view.environment.setValue(Environment.TEST);
        view.user.setValue(TARGET.name);
        view.password.setValue(TARGET.form("unused", false).password());
        view.test.click();
        assertThat(view.message.getText()).isEqualTo("Connected.");
        assertThat(view.report.getElement().getText() + view.report.getChildren()
                .map(c -> c.getElement().getText()).toList()).contains("Server version");
        MysqlServerReport wrong = instances.testConnection("local-mariadb-view");
        assertThat(wrong.reachable()).as("root has an empty password here, so the saved one must fail").isFalse();
        assertThat(wrong.error()).doesNotContain("not-used-by-root");
    }

    @Test
    void theEmbeddedDefaultRegistersItsSandboxMariaDb() {
        InstanceView sandbox = await().atMost(Duration.ofMinutes(3)).until(() -> instances.find("sandbox"),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(sandbox.environment()).isEqualTo(Environment.DEV);
        MysqlServerReport report = instances.testConnection("sandbox");
        assertThat(report.reachable()).as(report.error()).isTrue();
        assertThat(report.version()).contains("MariaDB");
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("skip-grant-tables"));
    }
}
