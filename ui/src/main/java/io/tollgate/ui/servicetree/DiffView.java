package io.tollgate.ui.servicetree;

import com.vaadin.flow.component.html.Div;

/** A unified diff, line by line: removed lines red, added lines green. Text only, never HTML. */
class DiffView extends Div {

    DiffView() {
        getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)").set("white-space", "pre")
                .set("font-size", "var(--lumo-font-size-s)").set("overflow", "auto");
    }

    /** Shows nothing at all: nothing is selected, so there is nothing to compare yet. */
    void clear() {
        removeAll();
    }

    void show(String diff) {
        removeAll();
        if (diff == null || diff.isBlank()) {
            add(new Div("(no difference)"));
            return;
        }
        for (String line : diff.split("\\R")) {
            Div row = new Div(line.isEmpty() ? " " : line);
            if (line.startsWith("+") && !line.startsWith("+++")) {
                row.addClassName("diff-added");
                row.getStyle().set("background", "var(--lumo-success-color-10pct)");
            } else if (line.startsWith("-") && !line.startsWith("---")) {
                row.addClassName("diff-removed");
                row.getStyle().set("background", "var(--lumo-error-color-10pct)");
            }
            add(row);
        }
    }
}
