package io.tollgate.ui.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlHighlighterTest {

    @Test
    void keywordsStringsNumbersQuotedNamesAndCommentsGetTheirOwnSpans() {
        String html = SqlHighlighter.html("-- restock\nUPDATE `stock` SET qty = 10, note = 'it''s in' WHERE id = 4;");

        assertThat(html).isEqualTo("<span class=\"sql-cmt\">-- restock\n</span>"
                + "<span class=\"sql-kw\">UPDATE</span> <span class=\"sql-id\">`stock`</span> "
                + "<span class=\"sql-kw\">SET</span> qty = <span class=\"sql-num\">10</span>, note = "
                + "<span class=\"sql-str\">&#39;it&#39;&#39;s in&#39;</span> <span class=\"sql-kw\">WHERE</span> id = "
                + "<span class=\"sql-num\">4</span>;");
    }

    @Test
    void theTextIsKeptExactlyAndNothingCanInjectMarkup() {
        String sql = "/* <b>bold</b> */ SELECT \"<script>\" FROM t WHERE a < 1 AND b > 2 & 3;\n\n";
        String html = SqlHighlighter.html(sql);

        assertThat(html).doesNotContain("<b>", "<script>");
        assertThat(unescape(html.replaceAll("<span class=\"[a-z-]+\">|</span>", ""))).isEqualTo(sql);
    }

    @Test
    void whatTheLexerCannotReadStaysPlainTextWithoutLosingAnything() {
        String sql = "SELECT 1; UPDATE t SET a = 'never closed";
        String html = SqlHighlighter.html(sql);

        assertThat(html).startsWith("<span class=\"sql-kw\">SELECT</span>");
        assertThat(unescape(html.replaceAll("<span class=\"[a-z-]+\">|</span>", ""))).isEqualTo(sql);
    }

    @Test
    void aHugeScriptIsShownPlain() {
        String sql = "SELECT 1;\n".repeat(SqlHighlighter.MAX_HIGHLIGHTED_CHARS / 10 + 1);
        assertThat(SqlHighlighter.html(sql)).doesNotContain("<span").isEqualTo(sql);
        assertThat(SqlHighlighter.html(null)).isEmpty();
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
