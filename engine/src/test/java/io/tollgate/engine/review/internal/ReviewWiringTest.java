package io.tollgate.engine.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.RuleSettings;
import io.tollgate.engine.review.SqlReviewer;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The Spring wiring the UI and the REST API get: the reviewer bean reads the levels admins set through RuleSettings,
 * and the ledger's schema from the executor's settings.
 */
@DataJpaTest(properties = {"spring.jpa.hibernate.ddl-auto=validate", "tollgate.review.max-script-bytes=100"})
@Import({ReviewConfiguration.class, JpaRuleSettings.class, ReviewWiringTest.Executor.class})
class ReviewWiringTest {

    @Autowired
    private SqlReviewer reviewer;

    @Autowired
    private RuleSettings settings;

    @Test
    void levelChangesReachTheReviewer() {
        ReviewRequest request = ReviewRequest.ofText("DELETE FROM t", Environment.TEST);
        assertThat(reviewer.review(request).errors()).isEqualTo(1);
        settings.changeLevel("stmt.dml-without-where", Environment.TEST, RuleLevel.WARNING, "admin");
        ReviewResult after = reviewer.review(request);
        assertThat(after.errors()).isZero();
        assertThat(after.statements().get(0).findings()).extracting(Finding::level).containsOnly(RuleLevel.WARNING);
    }

    @Test
    void theLedgersSchemaComesFromTheExecutorsSettings() {
        ReviewResult result = reviewer.review(ReviewRequest.ofText("DELETE FROM ops_ledger.l WHERE id = 1",
                Environment.DEV));
        assertThat(result.statements().get(0).findings()).filteredOn(f -> f.ruleId().equals("execution.refused"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("names the schema `ops_ledger`"));
        assertThat(reviewer.review(ReviewRequest.ofText("DELETE FROM tollgate_meta.l WHERE id = 1", Environment.DEV))
                .statements().get(0).findings()).extracting(Finding::ruleId).doesNotContain("execution.refused");
    }

    @Test
    void sizeLimitComesFromConfiguration() {
        ReviewResult result = reviewer.review(ReviewRequest.ofText("SELECT 1;".repeat(20), Environment.DEV));
        assertThat(result.refused()).isTrue();
        assertThat(result.message()).contains("100 bytes");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Executor {
        @Bean
        ExecutionSettings executionSettings() {
            return ExecutionSettings.defaults().withLedgerSchema("ops_ledger");
        }
    }
}
