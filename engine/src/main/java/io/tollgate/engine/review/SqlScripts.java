package io.tollgate.engine.review;

import io.tollgate.engine.review.internal.statement.ScriptSplitter;
import java.util.List;

/** The statements of a script, split exactly as the reviewer splits it, so that what runs is what was reviewed. */
public final class SqlScripts {

    private SqlScripts() {
    }

    /** The statements' texts, without delimiters, in script order (the same indices as the review's statements). */
    public static List<String> statements(String script) {
        return ScriptSplitter.split(script == null ? "" : script).stream().map(ScriptSplitter.Piece::sql).toList();
    }
}
