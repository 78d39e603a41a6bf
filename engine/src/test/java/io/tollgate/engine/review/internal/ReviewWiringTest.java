package io.tollgate.engine.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.RuleSettings;
import io.tollgate.engine.review.SqlReviewer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;

/** The Spring wiring the UI and the REST API get: the reviewer bean reads the levels admins set through RuleSettings. */
@DataJpaTest(properties = {"spring.jpa.hibernate.ddl-auto=validate", "tollgate.review.max-script-bytes=100"})
@Import({ReviewConfiguration.class, JpaRuleSettings.class})
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
    void sizeLimitComesFromConfiguration() {
        ReviewResult result = reviewer.review(ReviewRequest.ofText("SELECT 1;".repeat(20), Environment.DEV));
        assertThat(result.refused()).isTrue();
        assertThat(result.message()).contains("100 bytes");
    }
}
