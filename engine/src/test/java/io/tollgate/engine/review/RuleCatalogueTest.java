package io.tollgate.engine.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/review-rules.md must match the rule registry. */
class RuleCatalogueTest {

    private static final Path CATALOGUE = Path.of("..", "docs", "review-rules.md");

    @Test
    void committedCatalogueMatchesTheRegistry() throws IOException {
        String expected = RuleCatalogue.markdown();
        if (Boolean.getBoolean("review.rules.write")) {
            Files.writeString(CATALOGUE, expected, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(CATALOGUE) ? Files.readString(CATALOGUE, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .as("docs/review-rules.md is stale; regenerate it with ./mvnw -q -pl engine -am test -Dtest=RuleCatalogueTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dreview.rules.write=true and commit it")
                .isEqualTo(expected);
    }

    @Test
    void everyRuleHasAnIdInItsCategoryAndTextsToShow() {
        assertThat(RuleRegistry.ALL).allSatisfy(r -> {
            assertThat(r.id()).matches("[a-z]+\\.[a-z0-9-]+");
            assertThat(r.description()).endsWith(".");
            assertThat(r.fix()).endsWith(".");
        });
    }
}
