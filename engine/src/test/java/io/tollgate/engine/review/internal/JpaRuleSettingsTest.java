package io.tollgate.engine.review.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.ReviewProperties;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.RuleCategory;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.SqlReviewer;
import io.tollgate.engine.review.internal.rules.RuleRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;

/** Runs the Flyway migrations on H2 with Hibernate validating the entities against them. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
class JpaRuleSettingsTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Autowired
    private RuleLevelOverrides overrides;

    @Autowired
    private RuleLevelChangeRecords changes;

    private JpaRuleSettings settings() {
        return new JpaRuleSettings(overrides, changes, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void listsEveryRuleWithDefaultLevelsInEachEnvironment() {
        var rules = settings().rules();
        assertThat(rules).hasSize(RuleRegistry.ALL.size());
        var pk = rules.stream().filter(r -> r.id().equals("table.require-pk")).findFirst().orElseThrow();
        assertThat(pk.category()).isEqualTo(RuleCategory.TABLE);
        assertThat(pk.levels()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Environment.DEV, RuleLevel.ERROR, Environment.TEST, RuleLevel.ERROR, Environment.PROD, RuleLevel.ERROR));
        assertThat(pk.description()).isNotBlank();
        assertThat(pk.fix()).isNotBlank();
    }

    @Test
    void changingALevelIsStoredAndAudited() {
        JpaRuleSettings settings = settings();
        var changed = settings.changeLevel("table.require-pk", Environment.DEV, RuleLevel.WARNING, "alice");
        assertThat(changed.levels()).containsEntry(Environment.DEV, RuleLevel.WARNING).containsEntry(Environment.PROD, RuleLevel.ERROR);
        settings.changeLevel("table.require-pk", Environment.DEV, RuleLevel.OFF, "bob");

        assertThat(settings.overrides(Environment.DEV)).containsEntry("table.require-pk", RuleLevel.OFF);
        assertThat(settings.overrides(Environment.PROD)).doesNotContainKey("table.require-pk");
        assertThat(settings.changes("table.require-pk"))
                .extracting(c -> c.changedBy() + ":" + c.environment() + ":" + c.oldLevel() + "->" + c.newLevel())
                .containsExactlyInAnyOrder("alice:DEV:ERROR->WARNING", "bob:DEV:WARNING->OFF");
        assertThat(settings.changes(null)).allSatisfy(c -> assertThat(c.changedAt()).isEqualTo(NOW));
    }

    @Test
    void settingTheSameLevelAgainRecordsNothing() {
        JpaRuleSettings settings = settings();
        settings.changeLevel("stmt.select-star", Environment.TEST, RuleLevel.WARNING, "alice");
        assertThat(settings.changes("stmt.select-star")).isEmpty();
    }

    @Test
    void reviewerUsesTheLevelsOfTheRequestedEnvironment() {
        JpaRuleSettings settings = settings();
        settings.changeLevel("stmt.select-star", Environment.DEV, RuleLevel.OFF, "alice");
        SqlReviewer reviewer = new BuiltInSqlReviewer(ReviewProperties.defaults(), settings, null);
        assertThat(reviewer.review(ReviewRequest.ofText("SELECT * FROM t WHERE id = 1", Environment.DEV)).warnings()).isZero();
        assertThat(reviewer.review(ReviewRequest.ofText("SELECT * FROM t WHERE id = 1", Environment.PROD)).warnings()).isEqualTo(1);
    }

    @Test
    void unknownRulesAndAnonymousChangesAreRejected() {
        JpaRuleSettings settings = settings();
        assertThatThrownBy(() -> settings.changeLevel("no.such-rule", Environment.DEV, RuleLevel.OFF, "alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such-rule");
        assertThatThrownBy(() -> settings.changeLevel("table.require-pk", Environment.DEV, RuleLevel.OFF, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("username");
    }
}
