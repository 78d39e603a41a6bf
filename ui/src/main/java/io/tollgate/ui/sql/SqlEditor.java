package io.tollgate.ui.sql;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.dom.Element;

/**
 * A SQL editor with MySQL syntax highlighting, as a field holding the script's text: a text area over a highlighted
 * copy of the script ({@link SqlHighlighter}, Druid's lexer on the server). While someone types, the new text shows at
 * once and its colours follow a moment later, when the text reaches the server (after a pause in typing, and on
 * leaving the field, so the server has it before any button is pressed). {@link #setReadOnly read-only} makes it a
 * highlighted viewer whose text can still be selected and copied. Needs no front-end bundle of its own.
 */
@Tag("div")
public class SqlEditor extends AbstractField<SqlEditor, String> implements HasSize, HasStyle {

    static final int SYNC_AFTER_MILLIS = 300;
    static final String FONT = "font-family: var(--lumo-font-family-monospace, monospace);"
            + " font-size: var(--lumo-font-size-s); line-height: 1.5; tab-size: 4;";
    static final String LAYER = "position: absolute; inset: 0; margin: 0; padding: var(--lumo-space-s);"
            + " box-sizing: border-box; white-space: pre; overflow: auto; border: 0; " + FONT;
    static final String STYLE = ".sql-kw { color: hsl(214, 90%, 42%); font-weight: 600; }"
            + " .sql-str { color: hsl(145, 60%, 30%); } .sql-num { color: hsl(280, 60%, 45%); }"
            + " .sql-id { color: hsl(25, 80%, 38%); } .sql-cmt { color: var(--lumo-secondary-text-color);"
            + " font-style: italic; }";

    private final Element highlighted = new Element("pre");
    private final Element input = new Element("textarea");

    public SqlEditor() {
        super("");
        addClassName("tollgate-sql-editor");
        getStyle().set("position", "relative").set("width", "100%").set("height", "18em")
                .set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("background", "var(--lumo-base-color)");
        Element style = new Element("style");
        style.setText(STYLE);
        highlighted.setAttribute("aria-hidden", "true");
        highlighted.setAttribute("style", LAYER + " pointer-events: none; overflow: hidden;"
                + " color: var(--lumo-body-text-color); background: transparent; border-radius: 0;");
        input.setAttribute("spellcheck", "false");
        input.setAttribute("autocomplete", "off");
        input.setAttribute("aria-label", "SQL");
        input.setAttribute("style", LAYER + " resize: none; background: transparent; color: transparent;"
                + " caret-color: var(--lumo-body-text-color); outline: none;");
        getElement().appendChild(style, highlighted, input);

        input.addPropertyChangeListener("value", "input", e -> fromBrowser()).debounce(SYNC_AFTER_MILLIS);
        input.addPropertyChangeListener("value", "change", e -> fromBrowser());
        // keep the highlighted copy under the text: show typed text at once, and scroll the two together (the browser
        // makes the element anew on every attach, so the listeners are added on every attach)
        addAttachListener(e -> input.executeJs("const pre = this.previousElementSibling;"
                + "this.addEventListener('input', () => { pre.textContent = this.value + '\\n'; });"
                + "this.addEventListener('scroll', () => { pre.scrollTop = this.scrollTop;"
                + " pre.scrollLeft = this.scrollLeft; });"));
    }

    private void fromBrowser() {
        String text = input.getProperty("value", "");
        highlighted.setProperty("innerHTML", SqlHighlighter.html(text) + "\n");
        setModelValue(text, true);
    }

    @Override
    protected void setPresentationValue(String value) {
        String text = value == null ? "" : value;
        input.setProperty("value", text);
        highlighted.setProperty("innerHTML", SqlHighlighter.html(text) + "\n");
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        super.setReadOnly(readOnly);
        input.setProperty("readOnly", readOnly);
    }

    /**
     * Wraps long lines instead of scrolling sideways (for reading on a phone): both layers wrap alike, each keeping
     * a vertical scrollbar so that their text widths stay equal and the colours stay under the text.
     */
    public void setWrapped(boolean wrapped) {
        String wrap = wrapped ? " white-space: pre-wrap; overflow-wrap: anywhere; overflow-x: hidden;"
                + " overflow-y: scroll;" : "";
        highlighted.setAttribute("style", LAYER + " pointer-events: none; overflow: hidden;"
                + " color: var(--lumo-body-text-color); background: transparent; border-radius: 0;" + wrap);
        input.setAttribute("style", LAYER + " resize: none; background: transparent; color: transparent;"
                + " caret-color: var(--lumo-body-text-color); outline: none;" + wrap);
    }

    /** Scrolls the editor to a line (counting from 1) and puts the cursor at its start. */
    public void revealLine(int line) {
        input.executeJs("const lines = this.value.split('\\n'); const n = Math.max(1, Math.min(lines.length, $0));"
                + "let at = 0; for (let i = 0; i < n - 1; i++) { at += lines[i].length + 1; }"
                + "this.focus(); this.setSelectionRange(at, at);"
                + "this.scrollTop = (n - 1) * parseFloat(getComputedStyle(this).lineHeight) - this.clientHeight / 3;",
                line);
    }
}
