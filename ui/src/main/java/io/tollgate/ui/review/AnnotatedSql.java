package io.tollgate.ui.review;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.RuleLevel;

/**
 * The reviewed script with line numbers; lines holding a finding are highlighted (red for errors, amber for warnings)
 * and a caret marks the finding's column. Text is set as text, never as HTML, so a script cannot inject markup.
 */
class AnnotatedSql extends Div {

    static final int MAX_LINES_SHOWN = 2_000;

    AnnotatedSql() {
        setId("annotated-sql");
        getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-s)").set("white-space", "pre")
                .set("overflow", "auto").set("max-height", "28em").set("width", "100%")
                .set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-m)");
    }

    void show(String sql, List<Finding> findings) {
        removeAll();
        Map<Integer, Finding> worstByLine = new TreeMap<>();
        for (Finding f : findings) {
            worstByLine.merge(f.line(), f, (a, b) -> a.level() == RuleLevel.ERROR ? a : b);
        }
        String[] lines = sql.split("\r?\n", -1);
        int shown = Math.min(lines.length, MAX_LINES_SHOWN);
        for (int i = 0; i < shown; i++) {
            int lineNo = i + 1;
            Div line = new Div();
            Span number = new Span(String.format("%5d  ", lineNo));
            number.getStyle().set("color", "var(--lumo-secondary-text-color)");
            line.add(number, new Span(lines[i]));
            Finding finding = worstByLine.get(lineNo);
            if (finding != null) {
                line.addClassName(finding.level() == RuleLevel.ERROR ? "finding-error" : "finding-warning");
                line.getStyle().set("background", finding.level() == RuleLevel.ERROR
                        ? "var(--lumo-error-color-10pct)" : "hsla(40, 100%, 50%, 0.15)");
                line.getElement().setAttribute("title", finding.ruleId() + ": " + finding.message());
                Div caret = new Div(new Span(" ".repeat(7 + Math.max(0, finding.column() - 1)) + "^ " + finding.ruleId()));
                caret.getStyle().set("color", finding.level() == RuleLevel.ERROR
                        ? "var(--lumo-error-text-color)" : "hsl(35, 90%, 35%)");
                add(line, caret);
            } else {
                add(line);
            }
        }
        if (lines.length > shown) {
            add(new Div(new Span("… " + (lines.length - shown) + " more lines not shown; every finding is listed below")));
        }
    }
}
