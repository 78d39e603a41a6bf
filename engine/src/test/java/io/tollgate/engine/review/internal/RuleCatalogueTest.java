package io.tollgate.engine.review.internal;

import io.tollgate.engine.review.internal.rules.RuleRegistry;

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
    void everyTollgateRuleTheGoInceptionTableNamesExists() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        RuleRegistry.ALL.forEach(r -> ids.add(r.id()));
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("`([a-z]+\\.[a-z0-9-]+)`")
                .matcher(RuleCatalogue.goInceptionSettings());
        int count = 0;
        while (named.find()) {
            if (!named.group(1).startsWith("goinception.") && !named.group(1).startsWith("tollgate.")) {
                assertThat(ids).as("rule named in the goInception table").contains(named.group(1));
                count++;
            }
        }
        assertThat(count).isGreaterThan(30);
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
