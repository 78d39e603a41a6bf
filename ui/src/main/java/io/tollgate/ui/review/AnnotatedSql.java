package io.tollgate.ui.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.RuleLevel;

/**
 * The reviewed script with line numbers; lines holding findings are highlighted (red when one is an error, amber for
 * warnings) and under each such line one caret per finding marks its column, with the rule and the whole message
 * (several findings on a line: several marks). {@link #reveal} scrolls a finding's mark into view. Text is set as
 * text, never as HTML, so a script cannot inject markup.
 */
public class AnnotatedSql extends Div {

    static final int MAX_LINES_SHOWN = 2_000;
    /** The id prefix of a finding's mark: {@code finding-mark-<index in the list shown>}. */
    public static final String MARK = "finding-mark-";

    private final List<Div> marks = new ArrayList<>();

    public AnnotatedSql() {
        setId("annotated-sql");
        getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-s)").set("white-space", "pre")
                .set("overflow", "auto").set("max-height", "28em").set("width", "100%")
                .set("box-sizing", "border-box")
                .set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-m)");
    }

    /** Shows the script with every finding of {@code findings} marked; marks are numbered in the list's order. */
    public void show(String sql, List<Finding> findings) {
        removeAll();
        marks.clear();
        Map<Integer, List<Integer>> byLine = new TreeMap<>();
        for (int i = 0; i < findings.size(); i++) {
            byLine.computeIfAbsent(findings.get(i).line(), k -> new ArrayList<>()).add(i);
            marks.add(null);
        }
        String[] lines = sql.split("\r?\n", -1);
        int shown = Math.min(lines.length, MAX_LINES_SHOWN);
        for (int i = 0; i < shown; i++) {
            int lineNo = i + 1;
            Div line = new Div();
            Span number = new Span(String.format("%5d  ", lineNo));
            number.getStyle().set("color", "var(--lumo-secondary-text-color)");
            line.add(number, new Span(lines[i]));
            List<Integer> here = byLine.getOrDefault(lineNo, List.of());
            if (here.isEmpty()) {
                add(line);
                continue;
            }
            boolean error = here.stream().anyMatch(n -> findings.get(n).level() == RuleLevel.ERROR);
            line.addClassName(error ? "finding-error" : "finding-warning");
            line.getStyle().set("background", error ? "var(--lumo-error-color-10pct)" : "hsla(40, 100%, 50%, 0.15)");
            add(line);
            int length = lines[i].length();
            here.stream().sorted(Comparator.comparingInt((Integer n) -> findings.get(n).column()))
                    .forEach(n -> add(mark(n, findings.get(n), length)));
        }
        if (lines.length > shown) {
            add(new Div(new Span("… " + (lines.length - shown) + " more lines not shown; every finding is listed")));
        }
    }

    /** A caret under the finding's column, then its rule and message, wrapped within the box. */
    private Div mark(int index, Finding finding, int lineLength) {
        int column = Math.max(1, Math.min(finding.column(), lineLength + 1));
        Div mark = new Div();
        mark.setId(MARK + index);
        mark.addClassName("finding-mark");
        mark.getStyle().set("color", finding.level() == RuleLevel.ERROR
                ? "var(--lumo-error-text-color)" : "hsl(35, 90%, 35%)")
                .set("white-space", "pre-wrap").set("padding-left", "calc(" + (7 + column - 1) + "ch)")
                .set("text-indent", "0");
        mark.add(new Span("^ " + finding.ruleId() + ": " + finding.message()));
        marks.set(index, mark);
        return mark;
    }

    /** Scrolls the mark of the finding at {@code index} (in the list shown) into view; nothing when not shown. */
    public void reveal(int index) {
        if (index >= 0 && index < marks.size() && marks.get(index) != null) {
            marks.get(index).scrollIntoView();
            marks.get(index).getElement().executeJs("this.animate([{background: 'var(--lumo-primary-color-10pct)'},"
                    + " {background: 'transparent'}], 1500)");
        }
    }

    /** The mark of the finding at {@code index}, if its line is shown. */
    java.util.Optional<Div> mark(int index) {
        return index >= 0 && index < marks.size() ? java.util.Optional.ofNullable(marks.get(index))
                : java.util.Optional.empty();
    }
}
