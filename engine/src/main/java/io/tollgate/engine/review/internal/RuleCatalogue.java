package io.tollgate.engine.review.internal;

import io.tollgate.engine.review.internal.rules.Rule;
import io.tollgate.engine.review.internal.rules.RuleRegistry;

import java.util.Locale;

/** Renders {@code docs/review-rules.md} from the rule registry; {@code RuleCatalogueTest} keeps the file current. */
public final class RuleCatalogue {

    private RuleCatalogue() {
    }

    static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# SQL review rules\n\n")
                .append("<!-- Generated from the rule registry (io.tollgate.engine.review.internal.rules.RuleRegistry); do not edit by hand.\n")
                .append("     Regenerate: ./mvnw -q -pl engine -am test -Dtest=RuleCatalogueTest -Dsurefire.failIfNoSpecifiedTests=false")
                .append(" -Dreview.rules.write=true -->\n\n")
                .append("The built-in reviewer has ").append(RuleRegistry.ALL.size()).append(" rules. Each has a stable id, a default level")
                .append(" (ERROR blocks a ticket, WARNING is shown, OFF skips the rule) and a level per environment (DEV, TEST, PROD)")
                .append(" that admins change in the rule settings; every change is audited. Thresholds are `tollgate.review.*` properties.")
                .append(" Rules in the TARGET category, row estimates and `stmt.max-affected-rows` need a target instance.\n\n")
                .append("| id | category | default | what it checks | how to fix |\n")
                .append("|---|---|---|---|---|\n");
        for (Rule r : RuleRegistry.ALL) {
            b.append("| `").append(r.id()).append("` | ").append(r.category().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(r.defaultLevel()).append(" | ").append(cell(r.description())).append(" | ").append(cell(r.fix())).append(" |\n");
        }
        return b.append(goInceptionSettings()).toString();
    }

    /** The table of goInception's settings next to these rules (issue 17), kept as a resource beside the registry. */
    static String goInceptionSettings() {
        try (java.io.InputStream in = RuleCatalogue.class.getResourceAsStream("/review/goinception-settings.md")) {
            return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
